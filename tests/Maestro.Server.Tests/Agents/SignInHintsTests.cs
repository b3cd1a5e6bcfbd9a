using Maestro.Protocol;
using Maestro.Server.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Sessions;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Agents;

/// <summary>
/// A new user's first failure: an agent that is not signed in. Each CLI's own words are recognised and the turn's error
/// says how to sign in and that the daemon keeps the environment it started with. The real Claude Code CLI, with a
/// sandbox HOME and no key, prints "Not logged in · Please run /login"; the other CLIs' words are from their outputs.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class SignInHintsTests
{
    [Theory]
    [InlineData("claude-code", "Not logged in · Please run /login", "/login")]
    [InlineData("claude-code", "Invalid API key · Please run /login", "ANTHROPIC_API_KEY")]
    [InlineData("codex", "unexpected status 401 Unauthorized: Incorrect API key provided", "codex login")]
    [InlineData("acp:codex", "Authentication required", "codex login")]
    [InlineData("opencode", "ProviderAuthError: API key is missing", "opencode auth login")]
    [InlineData("gemini", "Please set an Auth method: api key not set (GEMINI_API_KEY)", "GEMINI_API_KEY")]
    public void Credential_failures_get_the_way_to_sign_in(string agentId, string error, string fix)
    {
        var message = SignInHints.Append(agentId, error);
        Assert.StartsWith(error, message, StringComparison.Ordinal);
        Assert.Contains(fix, message, StringComparison.Ordinal);
        Assert.Contains("maestro daemon restart", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claude-code", "API Error: 529 Overloaded")]
    [InlineData("codex", "stream disconnected before completion")]
    [InlineData("claude-code", "Prompt is too long")]
    public void Other_failures_are_left_as_the_agent_said_them(string agentId, string error)
        => Assert.Equal(error, SignInHints.Append(agentId, error));

    [Fact]
    public async Task The_real_Claude_Code_not_signed_in_fails_the_turn_with_the_way_to_sign_in()
    {
        using var sandbox = await AgentSandbox.CreateAsync("claude-signed-out");
        using var home = new TempDirectory("claude-signed-out-home");
        // No ANTHROPIC_API_KEY and a HOME that never logged in: what a fresh machine has. Nothing leaves the process.
        var environment = sandbox.BaseEnvironment();
        environment["IS_SANDBOX"] = "1";
        environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
        environment["DISABLE_AUTOUPDATER"] = "1";
        environment["ANTHROPIC_API_KEY"] = "";
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", AgentClis.Claude, environment);
        await using var server = new TestServer(home: home.Path);
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("signed-out", recorder);
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Repo, PermissionMode = PermissionMode.Bypass });
        var result = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "hello" });

        Assert.Equal(StopReason.Error, result.StopReason);
        await Wait.UntilAsync(() => recorder.For(session.Id).Any(e => e.Event is ErrorEvent));
        var error = (ErrorEvent)recorder.For(session.Id).First(e => e.Event is ErrorEvent).Event;
        Assert.Contains("Not logged in", error.Message, StringComparison.Ordinal);
        Assert.Contains("sign in with /login", error.Message, StringComparison.Ordinal);
        Assert.Contains("maestro daemon restart", error.Message, StringComparison.Ordinal);
    }
}
