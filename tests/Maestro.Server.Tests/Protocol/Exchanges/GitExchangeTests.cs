using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Git.Review.Attribution;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>Records (or checks, see <see cref="ExchangeStore"/>) git/*, worktrees/* and review/*, with their documented errors.</summary>
public sealed class GitExchangeTests : IAsyncLifetime
{
    private ExchangeSandbox sandbox = null!;

    public Task InitializeAsync()
    {
        sandbox = ExchangeSandbox.Create(new Dictionary<string, string> { ["a.txt"] = "one\ntwo\nthree\n", ["b.txt"] = "bee\n" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task Git_status_log_and_branches()
    {
        sandbox.Repository.Git("branch", "topic");
        sandbox.Repository.Write("a.txt", "one\nTWO\nthree\n");
        sandbox.Repository.Write("new.txt", "new\n");
        await using var client = await sandbox.ConnectAsync();

        var status = await client.RecordAsync(Methods.GitStatus, new GitStatusParams { Cwd = sandbox.Repo });
        Assert.Equal(2, status["result"]!["changes"]!.AsArray().Count);
        await client.RecordAsync(Methods.GitLog, new GitLogParams { Cwd = sandbox.Repo, Limit = 5 });
        await client.RecordAsync(Methods.GitBranches, new GitBranchesParams { Cwd = sandbox.Repo });
        await client.RecordErrorAsync(Methods.GitStatus, new GitStatusParams { Cwd = sandbox.Repository.Parent }, ErrorCodes.NotARepository, ErrorKinds.NotARepository);
    }

    [Fact]
    public async Task Review_of_an_agent_turn_changes_accept_reject_undo_and_the_changed_notification()
    {
        // A turn's attribution through the real turn observer: snapshot, the "agent" edits a.txt, snapshot.
        var turns = sandbox.Server.Services.GetRequiredService<TurnBaselines>();
        await turns.TurnStartingAsync("s_exchange", "t_1", sandbox.Repo, CancellationToken.None);
        sandbox.Repository.Write("a.txt", "one\nTWO\nthree\n");
        sandbox.Repository.Write("made.txt", "made by the agent\n");
        await turns.TurnEndedAsync("s_exchange", "t_1", CancellationToken.None);
        await using var client = await sandbox.ConnectAsync();

        var changes = await client.RecordAsync(Methods.ReviewChanges, new ReviewChangesParams { Cwd = sandbox.Repo });
        var hunkId = HunkIds(changes, "a.txt").Single();

        // The user edits the agent's line: the hunk is mixed, and a reject without confirm says what would be lost.
        sandbox.Repository.Write("a.txt", "one\nTwo, said the user\nthree\n");
        Exchange.RecordMessage(await client.NotificationAsync(Methods.ReviewChanged, p => p["paths"]!.AsArray().Any(x => (string?)x == "a.txt")));
        await client.RecordErrorAsync(Methods.ReviewReject, new ReviewSelectionParams { Cwd = sandbox.Repo, HunkIds = [hunkId] }, ErrorCodes.MixedHunk, ErrorKinds.MixedHunk);
        await client.RecordErrorAsync(Methods.ReviewAccept, new ReviewSelectionParams { Cwd = sandbox.Repo, HunkIds = ["0000000000000000"] }, ErrorCodes.StaleHunk, ErrorKinds.StaleHunk);

        await client.RecordAsync(Methods.ReviewAccept, new ReviewSelectionParams { Cwd = sandbox.Repo, HunkIds = [hunkId] });
        Assert.Equal("one\ntwo\nthree\n", sandbox.Repository.Staged("a.txt"));

        var rejected = await client.RecordAsync(Methods.ReviewReject, new ReviewSelectionParams { Cwd = sandbox.Repo, Paths = ["made.txt"] });
        Assert.False(File.Exists(sandbox.Repository.PathOf("made.txt")));
        await client.RecordAsync(Methods.ReviewUndo, new ReviewUndoParams { Cwd = sandbox.Repo, DecisionId = (string)rejected["result"]!["decisionId"]! });
        Assert.Equal("made by the agent\n", sandbox.Repository.Read("made.txt"));
        await client.RecordErrorAsync(Methods.ReviewUndo, new ReviewUndoParams { Cwd = sandbox.Repo, DecisionId = "d_unknown" }, ErrorCodes.InvalidParams, ErrorKinds.InvalidParams);

        await client.RecordErrorAsync(Methods.ReviewChanges, new ReviewChangesParams { Cwd = sandbox.Repo, Paths = ["../outside.txt"] }, ErrorCodes.PathOutsideWorkspace, ErrorKinds.PathOutsideWorkspace);
    }

    [Fact]
    public async Task Files_read_answers_a_working_file_s_text_and_refuses_a_path_out_of_the_tree()
    {
        File.WriteAllText(Path.Combine(sandbox.Repository.Parent, "outside.txt"), "secret\n");
        File.CreateSymbolicLink(sandbox.Repository.PathOf("link-out.txt"), Path.Combine(sandbox.Repository.Parent, "outside.txt"));
        await using var client = await sandbox.ConnectAsync();

        var read = await client.RecordAsync(Methods.FilesRead, new FilesReadParams { Cwd = sandbox.Repo, Path = "a.txt" });
        Assert.Equal("one\ntwo\nthree\n", (string?)read["result"]!["content"]);
        await client.RecordErrorAsync(Methods.FilesRead, new FilesReadParams { Cwd = sandbox.Repo, Path = "../outside.txt" }, ErrorCodes.PathOutsideWorkspace, ErrorKinds.PathOutsideWorkspace);
        Exchange.AssertError(await client.CallAsync(Methods.FilesRead, new FilesReadParams { Cwd = sandbox.Repo, Path = "link-out.txt" }), ErrorCodes.PathOutsideWorkspace, ErrorKinds.PathOutsideWorkspace);
    }

    [Fact]
    public async Task Review_reject_and_undo_left_to_the_editor_record_the_decision_and_answer_the_text()
    {
        var turns = sandbox.Server.Services.GetRequiredService<TurnBaselines>();
        await turns.TurnStartingAsync("s_editor", "t_1", sandbox.Repo, CancellationToken.None);
        sandbox.Repository.Write("a.txt", "one\nTWO\nthree\n");
        await turns.TurnEndedAsync("s_editor", "t_1", CancellationToken.None);
        await using var client = await sandbox.ConnectAsync();
        var changes = await client.CallAsync(Methods.ReviewChanges, new ReviewChangesParams { Cwd = sandbox.Repo });

        // apply: false (an editor applies the text as its own undoable edit): the file on disk is not written.
        var rejected = await client.RecordAsync(Methods.ReviewReject, new ReviewSelectionParams { Cwd = sandbox.Repo, HunkIds = HunkIds(changes, "a.txt"), Apply = false }, "editor");
        Assert.Equal("one\ntwo\nthree\n", (string)rejected["result"]!["contents"]![0]!["content"]!);
        Assert.Equal("one\nTWO\nthree\n", sandbox.Repository.Read("a.txt"));
        sandbox.Repository.Write("a.txt", "one\ntwo\nthree\n"); // what the editor saves
        Assert.Empty(HunkIds(await client.CallAsync(Methods.ReviewChanges, new ReviewChangesParams { Cwd = sandbox.Repo }), "a.txt"));

        var undone = await client.RecordAsync(Methods.ReviewUndo, new ReviewUndoParams { Cwd = sandbox.Repo, DecisionId = (string)rejected["result"]!["decisionId"]!, Apply = false }, "editor");
        Assert.Equal("one\nTWO\nthree\n", (string)undone["result"]!["contents"]![0]!["content"]!);
        Assert.Equal("one\ntwo\nthree\n", sandbox.Repository.Read("a.txt"));
        sandbox.Repository.Write("a.txt", "one\nTWO\nthree\n");
        Assert.Single(HunkIds(await client.CallAsync(Methods.ReviewChanges, new ReviewChangesParams { Cwd = sandbox.Repo }), "a.txt"));
    }

    [Fact]
    public async Task Review_changes_tells_another_client_which_files_were_kept_and_rejected()
    {
        var turns = sandbox.Server.Services.GetRequiredService<TurnBaselines>();
        await turns.TurnStartingAsync("s_decided", "t_1", sandbox.Repo, CancellationToken.None);
        sandbox.Repository.Write("a.txt", "one\nTWO\nthree\n");
        sandbox.Repository.Write("b.txt", "bee\nwasp\n");
        sandbox.Repository.Write("made.txt", "made by the agent\n");
        await turns.TurnEndedAsync("s_decided", "t_1", CancellationToken.None);
        await using var client = await sandbox.ConnectAsync();
        await using var other = await sandbox.ConnectAsync();
        var changes = await client.CallAsync(Methods.ReviewChanges, new ReviewChangesParams { Cwd = sandbox.Repo });
        var accepted = await client.CallAsync(Methods.ReviewAccept, new ReviewSelectionParams { Cwd = sandbox.Repo, HunkIds = HunkIds(changes, "a.txt") });
        var rejected = await client.CallAsync(Methods.ReviewReject, new ReviewSelectionParams { Cwd = sandbox.Repo, Paths = ["made.txt"] });

        // The other client decided nothing, yet reads what became of a.txt and made.txt; b.txt still waits.
        var decided = (await other.RecordAsync(Methods.ReviewChanges, new ReviewChangesParams { Cwd = sandbox.Repo }, "decided"))["result"]!;
        Assert.Equal(["b.txt"], decided["files"]!.AsArray().Select(f => (string)f!["path"]!));
        Assert.Equal(
            [("a.txt", "kept", (string)accepted["result"]!["decisionId"]!), ("made.txt", "rejected", (string)rejected["result"]!["decisionId"]!)],
            decided["decided"]!.AsArray().Select(d => ((string)d!["path"]!, (string)d["outcome"]!, (string)d["decisionId"]!)));
        Assert.All(decided["decided"]!.AsArray(), d => Assert.Equal(("s_decided", "t_1"), ((string)d!["sessionId"]!, (string)d["turnId"]!)));
    }

    [Fact]
    public async Task Review_against_the_index_and_the_explicit_stage()
    {
        sandbox.Repository.Write("b.txt", "bee\nwasp\n");
        await using var client = await sandbox.ConnectAsync();
        var changes = await client.RecordAsync(Methods.ReviewChanges, new ReviewChangesParams { Cwd = sandbox.Repo, Baseline = ReviewBaseline.Index }, "index");
        await client.RecordAsync(Methods.ReviewStage, new ReviewSelectionParams { Cwd = sandbox.Repo, HunkIds = HunkIds(changes, "b.txt") });
        Assert.Equal("bee\nwasp\n", sandbox.Repository.Staged("b.txt"));
    }

    [Fact]
    public async Task Worktrees_create_list_merge_remove_and_prune()
    {
        await using var client = await sandbox.ConnectAsync();
        var created = await client.RecordAsync(Methods.WorktreesCreate, new WorktreeCreateParams { Repo = sandbox.Repo, Branch = "feature" });
        var path = (string)created["result"]!["path"]!;
        await client.RecordAsync(Methods.WorktreesList, new WorktreeListParams { Repo = sandbox.Repo });

        // An accepted edit in the worktree is what merge takes back to main.
        File.WriteAllText(Path.Combine(path, "a.txt"), "one\ntwo\nthree\nfour\n");
        Exchange.AssertNoError(await client.CallAsync(Methods.ReviewStage, new ReviewSelectionParams { Cwd = path, Paths = ["a.txt"] }));
        var merged = await client.RecordAsync(Methods.WorktreesMerge, new WorktreeMergeParams { Path = path, Message = "Agent work" });
        Assert.True((bool)merged["result"]!["merged"]!);

        File.WriteAllText(Path.Combine(path, "scratch.txt"), "not committed\n");
        await client.RecordErrorAsync(Methods.WorktreesRemove, new WorktreeRemoveParams { Path = path }, ErrorCodes.WorktreeDirty, ErrorKinds.WorktreeDirty);
        File.Delete(Path.Combine(path, "scratch.txt"));
        await client.RecordAsync(Methods.WorktreesRemove, new WorktreeRemoveParams { Path = path });

        // deleteBranch: a merged branch goes with its worktree; an unmerged one is kept, the worktree removed all the same.
        var mergedWorktree = await client.CallAsync(Methods.WorktreesCreate, new WorktreeCreateParams { Repo = sandbox.Repo, Branch = "merged" });
        var deleted = await client.RecordAsync(Methods.WorktreesRemove, new WorktreeRemoveParams { Path = (string)mergedWorktree["result"]!["path"]!, DeleteBranch = true }, "deleteBranch");
        Assert.True((bool)deleted["result"]!["branchDeleted"]!);
        var unmerged = (string)(await client.CallAsync(Methods.WorktreesCreate, new WorktreeCreateParams { Repo = sandbox.Repo, Branch = "unmerged" }))["result"]!["path"]!;
        File.WriteAllText(Path.Combine(unmerged, "c.txt"), "committed, never merged\n");
        Maestro.TestSupport.Git.TestRepository.GitIn(unmerged, "add", "c.txt");
        Maestro.TestSupport.Git.TestRepository.GitIn(unmerged, "commit", "-q", "-m", "unmerged work");
        await client.RecordErrorAsync(Methods.WorktreesRemove, new WorktreeRemoveParams { Path = unmerged, DeleteBranch = true }, ErrorCodes.BranchNotMerged, ErrorKinds.BranchNotMerged);
        Assert.False(Directory.Exists(unmerged));

        var gone = await client.CallAsync(Methods.WorktreesCreate, new WorktreeCreateParams { Repo = sandbox.Repo, Branch = "gone" });
        Directory.Delete((string)gone["result"]!["path"]!, recursive: true);
        var pruned = await client.RecordAsync(Methods.WorktreesPrune, new WorktreePruneParams { Repo = sandbox.Repo });
        Assert.Single(pruned["result"]!["pruned"]!.AsArray());
    }

    private static List<string> HunkIds(JsonObject changes, string file)
        => [.. changes["result"]!["files"]!.AsArray().Where(f => (string?)f!["path"] == file).SelectMany(f => f!["hunks"]!.AsArray()).Select(h => (string)h!["id"]!)];
}
