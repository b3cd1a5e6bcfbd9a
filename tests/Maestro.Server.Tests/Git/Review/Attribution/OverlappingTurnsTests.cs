using System.Text.Json;
using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Git;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Git.Review.Attribution;

/// <summary>
/// Two sessions' turns running at once in one folder (issue 14): each hunk is labelled with the session whose agent made
/// it, also in the file both agents edit, and rejecting one session's hunk leaves the other's. The agents are the
/// Claude Code STAND-IN (tests/fixtures/agents/misbehaving-claude.mjs, prompt <c>script FILE</c>), which reports each
/// Edit before making it as the CLI does; the test's gate files interleave the two turns' edits.
/// </summary>
public sealed class OverlappingTurnsTests : IAsyncLifetime
{
    private static readonly string Thirty = string.Concat(Enumerable.Range(1, 30).Select(i => $"line {i:00}\n"));

    private TempDirectory home = null!;
    private TestRepository repo = null!;

    public async Task InitializeAsync()
    {
        home = new TempDirectory("overlap-home");
        repo = TestRepository.Create(new Dictionary<string, string> { ["shared.txt"] = Thirty, ["a.txt"] = "a\n", ["b.txt"] = "b\n" });
        await MisbehavingAgents.WriteSettingsAsync(home.Path);
    }

    public Task DisposeAsync()
    {
        repo.Dispose();
        home.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Hunks_of_overlapping_turns_are_each_their_own_sessions_and_a_reject_of_one_leaves_the_other()
    {
        await using var server = new TestServer(home: home.Path);
        using var rpc = await server.ConnectInitializedAsync("overlap");
        var a = await CreateAsync(rpc);
        var b = await CreateAsync(rpc);
        var gateA = Path.Combine(home.Path, "gate-a");
        var gateB = Path.Combine(home.Path, "gate-b");

        // A edits the shared file, waits while B edits it elsewhere (and its own file), then edits it again: both
        // turns run through all of it, so each end snapshot holds the other's lines too.
        var turnA = PromptAsync(rpc, a, Script(
            Edit("shared.txt", "line 03", "A 03"),
            new { wait = gateA },
            Edit("shared.txt", "line 12", "A 12"),
            Edit("a.txt", "a", "A was here")));
        await ToolCallsDoneAsync(rpc, a, 1);
        var turnB = PromptAsync(rpc, b, Script(
            Edit("shared.txt", "line 25", "B 25"),
            Edit("b.txt", "b", "B was here"),
            new { wait = gateB }));
        await ToolCallsDoneAsync(rpc, b, 2);
        await File.WriteAllTextAsync(gateA, string.Empty);
        Assert.Equal(StopReason.EndTurn, (await turnA).StopReason);
        await File.WriteAllTextAsync(gateB, string.Empty);
        Assert.Equal(StopReason.EndTurn, (await turnB).StopReason);
        var both = Thirty.Replace("line 03", "A 03", StringComparison.Ordinal).Replace("line 12", "A 12", StringComparison.Ordinal).Replace("line 25", "B 25", StringComparison.Ordinal);
        Assert.Equal(both, repo.Read("shared.txt"));

        var review = await rpc.AgentChangesAsync(repo.Root);
        Assert.Equal(["a.txt", "shared.txt"], Paths(review, a));
        Assert.Equal(["b.txt", "shared.txt"], Paths(review, b));
        var sharedA = review.Files.Single(f => f.SessionId == a.Id && f.Path == "shared.txt");
        var sharedB = review.Files.Single(f => f.SessionId == b.Id && f.Path == "shared.txt");
        Assert.Equal(["+A 03", "+A 12"], Added(sharedA));
        Assert.Equal(["+B 25"], Added(sharedB));
        Assert.All(sharedA.Hunks.Concat(sharedB.Hunks), h => Assert.False(h.Mixed));

        // Rejecting A's first hunk takes back only its line; A's other hunk and B's stay, on the file and in review.
        var hunk = sharedA.Hunks.Single(h => h.Lines.Contains("+A 03"));
        await rpc.AgentRejectAsync(repo.Root, [hunk.Id]);
        Assert.Equal(both.Replace("A 03", "line 03", StringComparison.Ordinal), repo.Read("shared.txt"));
        var after = await rpc.AgentChangesAsync(repo.Root);
        Assert.Equal(["+A 12"], Added(after.Files.Single(f => f.SessionId == a.Id && f.Path == "shared.txt")));
        var leftB = after.Files.Single(f => f.SessionId == b.Id && f.Path == "shared.txt");
        Assert.Equal(["+B 25"], Added(leftB));
        Assert.Equal(sharedB.Hunks.Single().Id, leftB.Hunks.Single().Id);
    }

    private static List<string> Paths(ReviewChangesResult review, Session session)
        => [.. review.Files.Where(f => f.SessionId == session.Id).Select(f => f.Path).Order(StringComparer.Ordinal)];

    private static List<string> Added(ReviewFile file) => [.. file.Hunks.SelectMany(h => h.Lines).Where(l => l.StartsWith('+'))];

    private object Edit(string file, string old, string replacement) => new { edit = new { file = repo.PathOf(file), old, @new = replacement } };

    private string Script(params object[] steps)
    {
        var path = Path.Combine(home.Path, $"script-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(steps));
        return "script " + path;
    }

    private async Task<Session> CreateAsync(JsonRpc rpc)
        => await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = MisbehavingAgents.Native, Cwd = repo.Root, PermissionMode = PermissionMode.Bypass });

    private static Task<SessionPromptResult> PromptAsync(JsonRpc rpc, Session session, string text)
        => rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = text });

    /// <summary>Until the server has the results of the session's first <paramref name="count"/> tool calls (so it has seen their edits).</summary>
    private static Task ToolCallsDoneAsync(JsonRpc rpc, Session session, int count)
        => Wait.UntilAsync(
            async () => (await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = session.Id }))
                .Events.Count(e => e.Event is ToolCallUpdateEvent { Status: ToolCallStatus.Completed }) >= count,
            TimeSpan.FromSeconds(15),
            $"{count} finished tool call(s) of {session.Name}");
}
