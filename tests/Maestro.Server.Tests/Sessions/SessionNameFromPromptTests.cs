using Maestro.Protocol;
using Maestro.Server.Sessions;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Git;
using Maestro.TestSupport.Sessions;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Sessions;

/// <summary>
/// A session nobody named takes its first prompt's first line as its name on the server, so every client (the CLI,
/// ACP, Rider, the panel) shows it through the usual sessions/changed; a name given at creation, and the name once
/// taken, stay. The agent is the Claude Code STAND-IN script (the naming is the server's, not the agent's).
/// </summary>
public sealed class SessionNameFromPromptTests
{
    [Fact]
    public async Task The_first_prompt_names_a_session_that_has_its_default_name_and_every_client_hears_it()
    {
        using var home = new TempDirectory("home");
        using var repository = TestRepository.Create(new Dictionary<string, string> { ["README.md"] = "# repo\n" });
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", ClaudeStandIn.Create(home.Path), new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["HOME"] = home.Path });
        await using var server = new TestServer(home: home.Path);
        var recorder = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("names", recorder);
        // Another client, which sent nothing: it learns the name from sessions/changed.
        var other = new EventRecorder();
        using var watcher = await server.ConnectInitializedAsync("names-watcher", other);

        var session = await Create(rpc, repository.Root, name: null);
        Assert.True(SessionNames.IsDefault(session.Name, "Claude Code"), session.Name);
        const string First = "  Fix the flaky   login test in the checkout service and explain why\nsecond line";
        Assert.Equal(StopReason.EndTurn, (await Prompt(rpc, session.Id, First)).StopReason);
        const string Expected = "Fix the flaky login test in the…";
        Assert.Equal(Expected, (await Get(rpc, session.Id)).Name);
        await Wait.UntilAsync(() => other.Changes.Any(c => c.Id == session.Id && c.Name == Expected), what: "the other client to hear the new name");

        // The second prompt does not rename it again.
        Assert.Equal(StopReason.EndTurn, (await Prompt(rpc, session.Id, "Say hello")).StopReason);
        Assert.Equal(Expected, (await Get(rpc, session.Id)).Name);

        // A name given at creation is the user's: the first prompt leaves it.
        var named = await Create(rpc, repository.Root, name: "Release notes");
        Assert.Equal(StopReason.EndTurn, (await Prompt(rpc, named.Id, "Say hello")).StopReason);
        Assert.Equal("Release notes", (await Get(rpc, named.Id)).Name);
        Assert.DoesNotContain(other.Changes, c => c.Id == named.Id && c.Name != "Release notes");
    }

    [Theory]
    [InlineData("Say hello", "Say hello")]
    [InlineData("\n\n   \nfirst real line\nsecond", "first real line")]
    [InlineData("Refactor the SessionService so that prompts are queued per session", "Refactor the SessionService so that…")]
    [InlineData("https://example.com/a/very/long/address/without/any/spaces/at/all", "https://example.com/a/very/long/address…")]
    [InlineData("   \n\t ", null)]
    public void A_prompt_gives_its_first_line_cut_on_a_word(string prompt, string? expected)
    {
        var name = SessionNames.FromPrompt(prompt);
        Assert.Equal(expected, name);
        Assert.True(name is null || name.Length <= SessionNames.MaxLength, name);
    }

    [Theory]
    [InlineData("Claude Code 3", true)]
    [InlineData("Claude Code 12", true)]
    [InlineData("Claude Code", false)]
    [InlineData("Claude Code 3b", false)]
    [InlineData("Claude Code notes", false)]
    public void Only_the_agent_name_and_a_number_is_the_default(string name, bool isDefault)
        => Assert.Equal(isDefault, SessionNames.IsDefault(name, "Claude Code"));

    private static Task<Session> Create(JsonRpc rpc, string cwd, string? name)
        => rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = cwd, Name = name, PermissionMode = PermissionMode.Bypass });

    private static Task<Session> Get(JsonRpc rpc, string sessionId)
        => rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = sessionId });

    private static Task<SessionPromptResult> Prompt(JsonRpc rpc, string sessionId, string text)
        => rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId, Text = text });
}
