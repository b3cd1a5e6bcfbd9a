using Maestro.Protocol;
using Maestro.Server.AcpAgent;

namespace Maestro.Server.Tests.AcpAgent;

/// <summary>The session config options and modes an editor is offered: the backend agent and the permission mode.</summary>
public sealed class AcpSessionConfigTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static Session On(string agentId, PermissionMode mode) => new()
    {
        Id = "s_1", Name = "n", AgentId = agentId, Cwd = "/repo", Status = SessionStatus.Idle, PermissionMode = mode,
        CreatedAt = Now, UpdatedAt = Now, Usage = Usage.Zero,
    };

    private static AgentInfo Agent(string id, bool available, string? reason = null)
        => new() { Id = id, Name = id.ToUpperInvariant(), Kind = AgentKind.Native, Available = available, Command = "/bin/" + id, Version = available ? "1.0" : null, Reason = reason };

    [Fact]
    public void The_agent_select_offers_the_installed_backends_and_the_sessions_own_and_the_mode_select_every_mode()
    {
        var options = AcpSessionConfig.Options(On("gemini", PermissionMode.AcceptEdits), [Agent("claude-code", true), Agent("codex", true), Agent("opencode", false, "not installed"), Agent("gemini", false, "not installed")]);

        Assert.Equal(["agent", "permission_mode"], options.Select(o => (string?)o!["id"]));
        Assert.All(options, o => Assert.Equal("select", (string?)o!["type"]));
        var agent = options[0]!;
        Assert.Equal(("_agent", "gemini"), ((string?)agent["category"], (string?)agent["currentValue"]));
        // opencode is not installed and not the session's: not offered; gemini is the session's, so it stays, with why it is unavailable.
        Assert.Equal(["claude-code", "codex", "gemini"], agent["options"]!.AsArray().Select(o => (string?)o!["value"]));
        Assert.Equal("not installed", (string?)agent["options"]![2]!["description"]);
        Assert.Equal("1.0", (string?)agent["options"]![0]!["description"]);

        var mode = options[1]!;
        Assert.Equal(("mode", "acceptEdits"), ((string?)mode["category"], (string?)mode["currentValue"]));
        Assert.Equal(["ask", "acceptEdits", "bypass"], mode["options"]!.AsArray().Select(o => (string?)o!["value"]));
    }

    [Fact]
    public void A_backend_the_daemon_does_not_know_is_still_shown_as_the_current_value()
    {
        var agent = AcpSessionConfig.Options(On("acp:gone", PermissionMode.Ask), [Agent("claude-code", true)])[0]!;
        Assert.Equal(["claude-code", "acp:gone"], agent["options"]!.AsArray().Select(o => (string?)o!["value"]));
    }

    [Fact]
    public void The_model_select_offers_default_the_agents_reported_models_and_the_sessions_own()
    {
        var claude = Agent("claude-code", true) with { Models = ["sonnet", "opus"] };
        var options = AcpSessionConfig.Options(On("claude-code", PermissionMode.Ask) with { Model = "claude-custom-1" }, [claude, Agent("codex", true)]);
        Assert.Equal(["agent", "model", "permission_mode"], options.Select(o => (string?)o!["id"]));
        var model = options[1]!;
        Assert.Equal(("model", "select", "claude-custom-1"), ((string?)model["category"], (string?)model["type"], (string?)model["currentValue"]));
        Assert.Equal(["default", "sonnet", "opus", "claude-custom-1"], model["options"]!.AsArray().Select(o => (string?)o!["value"]));

        // No model set: the current value is "default", the agent's own choice.
        Assert.Equal("default", (string?)AcpSessionConfig.Options(On("claude-code", PermissionMode.Ask), [claude])[1]!["currentValue"]);

        // An agent with no list and no model set has nothing to choose from: no model option.
        Assert.Equal(["agent", "permission_mode"], AcpSessionConfig.Options(On("codex", PermissionMode.Ask), [claude, Agent("codex", true)]).Select(o => (string?)o!["id"]));
        Assert.Equal(["default", "gpt-x"], AcpSessionConfig.ModelValues(On("codex", PermissionMode.Ask) with { Model = "gpt-x" }, [Agent("codex", true)]));
    }

    [Fact]
    public void Modes_are_the_permission_modes_and_parse_back()
    {
        var state = AcpSessionConfig.ModeState(On("codex", PermissionMode.Bypass));
        Assert.Equal("bypass", (string?)state["currentModeId"]);
        Assert.Equal(["ask", "acceptEdits", "bypass"], state["availableModes"]!.AsArray().Select(m => (string?)m!["id"]));
        Assert.All(state["availableModes"]!.AsArray(), m => Assert.False(string.IsNullOrWhiteSpace((string?)m!["name"])));
        foreach (var mode in Enum.GetValues<PermissionMode>())
        {
            Assert.Equal(mode, AcpSessionConfig.ParseMode(AcpSessionConfig.ModeId(mode)));
        }

        Assert.Null(AcpSessionConfig.ParseMode("yolo"));
        Assert.Null(AcpSessionConfig.ParseMode(null));
        Assert.Equal("current_mode_update", (string?)AcpSessionConfig.ModeUpdate(On("codex", PermissionMode.Ask))["sessionUpdate"]);
        Assert.Equal("config_option_update", (string?)AcpSessionConfig.OptionsUpdate(On("codex", PermissionMode.Ask), [])["sessionUpdate"]);
    }
}
