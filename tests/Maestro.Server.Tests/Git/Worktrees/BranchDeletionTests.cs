using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Git;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Git.Worktrees;

/// <summary>
/// <c>worktrees/remove {deleteBranch}</c> against real git: a merged branch goes with its worktree, an unmerged one is
/// kept (the worktree still goes) unless forced, and a branch another working tree has checked out is never deleted.
/// </summary>
public sealed class BranchDeletionTests : IAsyncLifetime
{
    private readonly TestServer server = new();
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string> { ["a.txt"] = "a\n" });
    private JsonRpc rpc = null!;

    public async Task InitializeAsync() => rpc = await server.ConnectInitializedAsync();

    public async Task DisposeAsync()
    {
        rpc.Dispose();
        await server.DisposeAsync();
        repo.Dispose();
    }

    private Task<WorktreeRemoveResult> RemoveAsync(string path, bool deleteBranch = true, bool force = false)
        => rpc.InvokeWithParameterObjectAsync<WorktreeRemoveResult>(Methods.WorktreesRemove, new WorktreeRemoveParams { Path = path, DeleteBranch = deleteBranch, Force = force });

    private bool BranchExists(string branch) => TestRepository.RunGit(repo.Root, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch).ExitCode == 0;

    private static void CommitIn(string worktree, string file, string content)
    {
        File.WriteAllText(Path.Combine(worktree, file), content);
        TestRepository.GitIn(worktree, "add", file);
        TestRepository.GitIn(worktree, "commit", "-q", "-m", "work on " + file);
    }

    [Fact]
    public async Task A_merged_branch_is_deleted_with_its_worktree_and_its_recorded_base_with_it()
    {
        var worktree = await rpc.CreateWorktreeAsync(repo.Root, "maestro/done");
        CommitIn(worktree.Path, "done.txt", "done\n");
        Assert.True((await rpc.MergeAsync(worktree.Path)).Merged);
        Assert.Equal("main", repo.Git("config", "--get", "branch.maestro/done.maestroBase").Trim());

        var removed = await RemoveAsync(worktree.Path);
        Assert.Equal((worktree.Path, "maestro/done", true), (removed.Path, removed.Branch, removed.BranchDeleted));
        Assert.False(Directory.Exists(worktree.Path));
        Assert.False(BranchExists("maestro/done"));
        Assert.NotEqual(0, TestRepository.RunGit(repo.Root, "config", "--get", "branch.maestro/done.maestroBase").ExitCode);
        Assert.Equal("done\n", repo.Read("done.txt"));

        // A branch with no commits of its own is merged too; without deleteBranch the branch stays, as before.
        var fresh = await rpc.CreateWorktreeAsync(repo.Root, "fresh");
        Assert.True((await RemoveAsync(fresh.Path)).BranchDeleted);
        var kept = await rpc.CreateWorktreeAsync(repo.Root, "kept");
        var plain = await RemoveAsync(kept.Path, deleteBranch: false);
        Assert.Equal(("kept", false), (plain.Branch, plain.BranchDeleted));
        Assert.True(BranchExists("kept"));
    }

    [Fact]
    public async Task An_unmerged_branch_is_kept_with_a_message_that_names_it_and_the_worktree_is_removed_all_the_same()
    {
        var worktree = await rpc.CreateWorktreeAsync(repo.Root, "feature");
        CommitIn(worktree.Path, "feature.txt", "unmerged work\n");
        var tip = repo.Git("rev-parse", "feature").Trim();

        await using var raw = server.ConnectRaw();
        await raw.InitializeAsync();
        var reply = await raw.CallAsync(1, Methods.WorktreesRemove, new WorktreeRemoveParams { Path = worktree.Path, DeleteBranch = true });
        var error = reply["error"] ?? throw new InvalidOperationException(reply.ToJsonString());
        Assert.Equal(ErrorCodes.BranchNotMerged, (int)error["code"]!);
        Assert.Equal(("BranchNotMerged", "feature", worktree.Path), ((string?)error["data"]!["kind"], (string?)error["data"]!["branch"], (string?)error["data"]!["path"]));
        Assert.Equal(
            $"The worktree '{worktree.Path}' was removed, but its branch 'feature' was kept: it has commits not merged into 'main'. Merge them first, or delete the branch anyway with: git -C {repo.Root} branch -D feature",
            (string?)error["message"]);

        Assert.False(Directory.Exists(worktree.Path));
        Assert.Single(await rpc.ListWorktreesAsync(repo.Root));
        Assert.Equal(tip, repo.Git("rev-parse", "feature").Trim());

        // The command the message gives does delete it.
        repo.Git("branch", "-D", "feature");
        Assert.False(BranchExists("feature"));
    }

    [Fact]
    public async Task Force_deletes_an_unmerged_branch()
    {
        var worktree = await rpc.CreateWorktreeAsync(repo.Root, "throwaway");
        CommitIn(worktree.Path, "t.txt", "experiment\n");
        File.WriteAllText(Path.Combine(worktree.Path, "scratch.txt"), "not committed\n");

        var removed = await RemoveAsync(worktree.Path, force: true);
        Assert.Equal(("throwaway", true), (removed.Branch, removed.BranchDeleted));
        Assert.False(Directory.Exists(worktree.Path));
        Assert.False(BranchExists("throwaway"));
    }

    [Fact]
    public async Task A_branch_merged_into_its_base_is_deleted_though_the_main_worktree_is_on_another_branch()
    {
        repo.Git("branch", "develop");
        var worktree = await rpc.CreateWorktreeAsync(repo.Root, "topic", @base: "develop");
        CommitIn(worktree.Path, "topic.txt", "topic\n");
        Assert.True((await rpc.MergeAsync(worktree.Path)).Merged);
        // git branch -d alone would refuse it: main (HEAD) does not have the commit.
        Assert.NotEqual(0, TestRepository.RunGit(repo.Root, "merge-base", "--is-ancestor", "topic", "main").ExitCode);

        Assert.True((await RemoveAsync(worktree.Path)).BranchDeleted);
        Assert.False(BranchExists("topic"));

        // Merged into neither: the message names both.
        var other = await rpc.CreateWorktreeAsync(repo.Root, "other", @base: "develop");
        CommitIn(other.Path, "other.txt", "other\n");
        var refused = await GitRpc.FailsAsync(() => RemoveAsync(other.Path), ErrorCodes.BranchNotMerged);
        Assert.Contains("not merged into 'develop' (its base) or 'main'", refused.Message, StringComparison.Ordinal);
        Assert.True(BranchExists("other"));
    }

    [Fact]
    public async Task The_branch_of_the_main_working_tree_or_of_another_worktree_is_never_deleted_and_nothing_is_removed()
    {
        // Only a forced `git worktree add` puts a branch in two working trees; then the branch is refused before anything goes.
        var onMain = Path.Combine(repo.Parent, "on-main");
        repo.Git("worktree", "add", "-q", "-f", onMain, "main");
        var error = await GitRpc.FailsAsync(() => RemoveAsync(onMain, force: true), ErrorCodes.InvalidParams);
        Assert.Contains($"The branch 'main' is also checked out in the main working tree '{repo.Root}', so it is never deleted; nothing was removed.", error.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(onMain));
        Assert.True(BranchExists("main"));

        var shared = await rpc.CreateWorktreeAsync(repo.Root, "shared");
        var twin = Path.Combine(repo.Parent, "twin");
        repo.Git("worktree", "add", "-q", "-f", twin, "shared");
        error = await GitRpc.FailsAsync(() => RemoveAsync(shared.Path), ErrorCodes.InvalidParams);
        Assert.Contains($"also checked out in the worktree '{twin}'", error.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(shared.Path));
        Assert.True(BranchExists("shared"));

        // Without deleteBranch the worktree goes as ever, the branch stays.
        Assert.False((await RemoveAsync(onMain, deleteBranch: false)).BranchDeleted);
        Assert.False(Directory.Exists(onMain));
        Assert.True(BranchExists("main"));
        Assert.Equal([repo.Root, shared.Path, twin], (await rpc.ListWorktreesAsync(repo.Root)).Select(w => w.Path));
    }

    [Fact]
    public async Task A_detached_worktree_has_no_branch_to_delete()
    {
        var worktree = await rpc.CreateWorktreeAsync(repo.Root, "to-detach");
        TestRepository.GitIn(worktree.Path, "checkout", "-q", "--detach");
        var removed = await RemoveAsync(worktree.Path);
        Assert.Equal((null, false), (removed.Branch, removed.BranchDeleted));
        Assert.False(Directory.Exists(worktree.Path));
        Assert.True(BranchExists("to-detach"));
    }
}
