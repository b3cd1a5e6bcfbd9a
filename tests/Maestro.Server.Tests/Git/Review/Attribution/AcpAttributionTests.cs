using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Git;

namespace Maestro.Server.Tests.Git.Review.Attribution;

/// <summary>
/// Attribution of what an ACP agent writes through Maestro's own <c>fs/write_text_file</c> (issue 14): the write is the
/// session's agent hunk, the user's later line is not, and a reject restores only the agent's line and leaves the index
/// alone. The agent is the misbehaving ACP STAND-IN (tests/fixtures/agents/misbehaving-acp.mjs, prompt <c>write</c>).
/// </summary>
public sealed class AcpAttributionTests : IAsyncLifetime
{
    private static readonly string Twelve = string.Concat(Enumerable.Range(1, 12).Select(i => $"line {i:00}\n"));

    private TempDirectory home = null!;
    private TestRepository repo = null!;

    public async Task InitializeAsync()
    {
        home = new TempDirectory("acp-attribution-home");
        repo = TestRepository.Create(new Dictionary<string, string> { ["notes.txt"] = Twelve });
        await MisbehavingAgents.WriteSettingsAsync(home.Path);
    }

    public Task DisposeAsync()
    {
        repo.Dispose();
        home.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_acp_agents_write_through_maestro_is_its_sessions_hunk_and_the_users_later_line_is_not()
    {
        await using var server = new TestServer(home: home.Path);
        using var rpc = await server.ConnectInitializedAsync("acp-attribution");
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = MisbehavingAgents.Acp, Cwd = repo.Root, PermissionMode = PermissionMode.Bypass });
        var turn = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "write" });
        Assert.Equal(StopReason.EndTurn, turn.StopReason);
        var agentText = Twelve.Replace("line 02", "agent 02", StringComparison.Ordinal);
        Assert.Equal(agentText, repo.Read("notes.txt"));

        // The user edits another place after the turn.
        var withUser = agentText.Replace("line 11", "user 11", StringComparison.Ordinal);
        repo.Write("notes.txt", withUser);
        var index = repo.Git("ls-files", "--stage");

        var file = Assert.Single((await rpc.AgentChangesAsync(repo.Root)).Files);
        var hunk = Assert.Single(file.Hunks);
        // Named after its first prompt ("write"), as every session with its default name is.
        Assert.Equal((session.Id, turn.TurnId, MisbehavingAgents.Acp, "write"), (hunk.SessionId, hunk.TurnId, hunk.AgentId, hunk.SessionName));
        Assert.Contains("+agent 02", hunk.Lines);
        Assert.DoesNotContain(hunk.Lines, l => l.Contains("user 11", StringComparison.Ordinal));

        await rpc.AgentRejectAsync(repo.Root, [hunk.Id]);
        Assert.Equal(withUser.Replace("agent 02", "line 02", StringComparison.Ordinal), repo.Read("notes.txt"));
        Assert.Equal(index, repo.Git("ls-files", "--stage"));
        Assert.Empty((await rpc.AgentChangesAsync(repo.Root)).Files);
    }
}
