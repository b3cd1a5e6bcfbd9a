using Maestro.Protocol;
using Maestro.Server.Git.Review.Attribution;
using Maestro.Server.Tests.Git;
using Maestro.TestSupport;
using Maestro.TestSupport.Git;
using Microsoft.Extensions.DependencyInjection;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Git.Review.Attribution;

/// <summary>
/// Random agent edits (through the real turn observer: a snapshot before, the edits, a snapshot after), random user
/// edits after the turn, then random accepts, rejects (one or several hunks) and undos in any order: the working file
/// is always exactly the baseline or the agent's text in each agent hunk, by that hunk's state, and the user's lines
/// and git's index never change.
/// </summary>
public sealed class AgentReviewPropertyTests : IAsyncLifetime
{
    private readonly TestServer server = new();
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string> { ["seed.txt"] = "seed\n" });
    private JsonRpc rpc = null!;

    public async Task InitializeAsync() => rpc = await server.ConnectInitializedAsync();

    public async Task DisposeAsync()
    {
        rpc.Dispose();
        await server.DisposeAsync();
        repo.Dispose();
    }

    private enum State
    {
        Pending,
        Accepted,
        Rejected,
    }

    [Fact]
    public async Task Any_order_of_accept_reject_and_undo_changes_only_the_chosen_hunks()
    {
        var turns = server.Services.GetRequiredService<TurnBaselines>();
        for (var seed = 1; seed <= 25; seed++)
        {
            var random = new Random(seed);
            var eol = random.Next(3) == 0 ? "\r\n" : "\n";
            var path = $"p{seed}.txt";

            // Segments: gaps of unchanged lines (each with a user edit in its middle) around agent segments, far
            // enough apart that each agent segment is one hunk.
            var agentSegments = random.Next(1, 6);
            var gaps = new List<List<string>>();
            var baseSegments = new List<List<string>>();
            var agentTexts = new List<List<string>>();
            for (var k = 0; k <= agentSegments; k++)
            {
                gaps.Add([.. Enumerable.Range(0, 15).Select(i => $"gap {k} line {i}")]);
                if (k < agentSegments)
                {
                    baseSegments.Add([.. Enumerable.Range(0, random.Next(0, 3)).Select(i => $"base {k} line {i}")]);
                    var agent = Enumerable.Range(0, random.Next(baseSegments[k].Count == 0 ? 1 : 0, 3)).Select(i => $"agent {k} line {i}").ToList();
                    agentTexts.Add(agent);
                }
            }

            string Text(Func<int, List<string>> segment, bool userEdits)
            {
                var lines = new List<string>();
                for (var k = 0; k <= agentSegments; k++)
                {
                    var gap = gaps[k].ToList();
                    if (userEdits)
                    {
                        gap[7] = $"user edit {k}";
                    }

                    lines.AddRange(gap);
                    if (k < agentSegments)
                    {
                        lines.AddRange(segment(k));
                    }
                }

                return string.Concat(lines.Select(l => l + eol));
            }

            repo.Write(path, Text(k => baseSegments[k], userEdits: false));
            repo.CommitAll("base " + seed);
            var index = repo.Git("ls-files", "-s");

            var turnId = "t_" + seed;
            await turns.TurnStartingAsync("s_prop", turnId, repo.Root, CancellationToken.None);
            repo.Write(path, Text(k => agentTexts[k], userEdits: false));
            await turns.TurnEndedAsync("s_prop", turnId, CancellationToken.None);
            repo.Write(path, Text(k => agentTexts[k], userEdits: true));

            var states = Enumerable.Repeat(State.Pending, agentSegments).ToArray();
            var decisions = new List<(string Id, int[] Segments, State Made)>();
            for (var step = 0; step < 12; step++)
            {
                var review = await rpc.AgentChangesAsync(repo.Root, "s_prop");
                var file = review.Files.SingleOrDefault(f => f.Path == path && f.TurnId == turnId);
                var pending = Enumerable.Range(0, agentSegments).Where(k => states[k] == State.Pending).ToList();

                // Exactly the pending segments are offered, never a user line, none of them mixed.
                Assert.Equal(pending.Count, file?.Hunks.Count ?? 0);
                Assert.All(file?.Hunks ?? [], h => Assert.False(h.Mixed));
                Assert.DoesNotContain(file?.Hunks ?? [], h => h.Lines.Any(l => l.Contains("user edit", StringComparison.Ordinal)));

                var open = decisions.Where(d => d.Made != State.Pending).ToList();
                var choice = random.Next(3);
                if ((choice == 2 || pending.Count == 0) && open.Count > 0)
                {
                    var undo = open[random.Next(open.Count)];
                    await rpc.UndoAsync(repo.Root, undo.Id);
                    foreach (var k in undo.Segments)
                    {
                        states[k] = State.Pending;
                    }

                    decisions[decisions.IndexOf(undo)] = undo with { Made = State.Pending };
                }
                else if (pending.Count > 0)
                {
                    var chosen = pending.Where(_ => random.Next(2) == 0).DefaultIfEmpty(pending[0]).ToArray();
                    var ids = chosen.Select(k => HunkOf(file!, k)).ToList();
                    var accept = choice == 0;
                    var id = accept ? (await rpc.AgentAcceptAsync(repo.Root, ids)).DecisionId : (await rpc.AgentRejectAsync(repo.Root, ids)).DecisionId;
                    foreach (var k in chosen)
                    {
                        states[k] = accept ? State.Accepted : State.Rejected;
                    }

                    decisions.Add((id!, chosen, accept ? State.Accepted : State.Rejected));
                }

                var expected = Text(k => states[k] == State.Rejected ? baseSegments[k] : agentTexts[k], userEdits: true);
                Assert.Equal(expected, repo.Read(path));
                Assert.Equal(index, repo.Git("ls-files", "-s"));
            }
        }
    }

    /// <summary>The id of the hunk that holds agent segment <paramref name="k"/> (by its base or agent lines, whichever it has).</summary>
    private static string HunkOf(ReviewFile file, int k)
        => file.Hunks.Single(h => h.Lines.Any(l => (l.StartsWith('+') || l.StartsWith('-')) && (l.Contains($"agent {k} line", StringComparison.Ordinal) || l.Contains($"base {k} line", StringComparison.Ordinal)))).Id;
}
