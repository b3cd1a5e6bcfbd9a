using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Git;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Git;

public sealed class WorktreeTests : IAsyncLifetime
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

    [Fact]
    public async Task Create_makes_a_new_branch_beside_the_repository_and_list_shows_it()
    {
        var worktree = await rpc.CreateWorktreeAsync(repo.PathOf("."), "maestro/first");
        Assert.Equal(repo.Root + ".worktrees/maestro/first", worktree.Path);
        Assert.Equal("maestro/first", worktree.Branch);
        Assert.Equal("a\n", File.ReadAllText(Path.Combine(worktree.Path, "a.txt")));
        Assert.Equal(repo.Git("rev-parse", "main").Trim(), worktree.Head);

        var list = await rpc.ListWorktreesAsync(worktree.Path);
        Assert.Equal(2, list.Count);
        Assert.True(list[0].IsMain);
        Assert.Equal(repo.Root, list[0].Path);
        Assert.Equal((worktree.Path, "maestro/first", false, false), (list[1].Path, list[1].Branch, list[1].Dirty, list[1].Locked));

        File.WriteAllText(Path.Combine(worktree.Path, "new.txt"), "x\n");
        repo.Git("worktree", "lock", worktree.Path);
        list = await rpc.ListWorktreesAsync(repo.Root);
        Assert.True(list[1].Dirty);
        Assert.True(list[1].Locked);
    }

    [Fact]
    public async Task Create_from_a_base_and_at_a_given_path()
    {
        repo.Git("branch", "old");
        repo.Write("a.txt", "newer\n");
        repo.CommitAll("newer");
        var path = Path.Combine(repo.Parent, "custom");
        var worktree = await rpc.CreateWorktreeAsync(repo.Root, "from-old", @base: "old", path: path);
        Assert.Equal(path, worktree.Path);
        Assert.Equal("a\n", File.ReadAllText(Path.Combine(path, "a.txt")));

        // From inside a worktree: based on its HEAD, and placed beside the main repository.
        var second = await rpc.CreateWorktreeAsync(path, "second");
        Assert.Equal(repo.Root + ".worktrees/second", second.Path);
        Assert.Equal("a\n", File.ReadAllText(Path.Combine(second.Path, "a.txt")));
    }

    [Fact]
    public async Task Create_refuses_an_existing_branch_a_bad_name_a_taken_folder_and_the_git_directory()
    {
        await GitRpc.FailsAsync(() => rpc.CreateWorktreeAsync(repo.Root, "main"), ErrorCodes.InvalidParams);
        await GitRpc.FailsAsync(() => rpc.CreateWorktreeAsync(repo.Root, "bad..name"), ErrorCodes.InvalidParams);
        await GitRpc.FailsAsync(() => rpc.CreateWorktreeAsync(repo.Root, "x", @base: "nope"), ErrorCodes.InvalidParams);
        await GitRpc.FailsAsync(() => rpc.CreateWorktreeAsync(repo.Root, "y", path: repo.Root), ErrorCodes.InvalidParams);
        await GitRpc.FailsAsync(() => rpc.CreateWorktreeAsync(repo.Root, "z", path: repo.PathOf(".git/evil")), ErrorCodes.PathOutsideWorkspace);
        Assert.Equal("main", repo.Git("branch", "--format=%(refname:short)").Trim());
    }

    [Fact]
    public async Task Removing_a_dirty_worktree_is_refused_naming_the_dirty_paths_unless_forced()
    {
        var worktree = await rpc.CreateWorktreeAsync(repo.Root, "dirty");
        File.WriteAllText(Path.Combine(worktree.Path, "a.txt"), "changed\n");
        File.WriteAllText(Path.Combine(worktree.Path, "untracked.txt"), "new\n");

        await using var raw = server.ConnectRaw();
        await raw.InitializeAsync();
        var reply = await raw.CallAsync(1, Methods.WorktreesRemove, new WorktreeRemoveParams { Path = worktree.Path });
        Assert.Equal(ErrorCodes.WorktreeDirty, (int)reply["error"]!["code"]!);
        Assert.Equal("WorktreeDirty", (string?)reply["error"]!["data"]!["kind"]);
        Assert.Equal(["a.txt", "untracked.txt"], reply["error"]!["data"]!["paths"]!.AsArray().Select(p => (string)p!).Order());
        Assert.True(File.Exists(Path.Combine(worktree.Path, "untracked.txt")));

        await rpc.RemoveWorktreeAsync(worktree.Path, force: true);
        Assert.False(Directory.Exists(worktree.Path));
        Assert.Single(await rpc.ListWorktreesAsync(repo.Root));
        Assert.Contains("dirty", repo.Git("branch"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_worktree_is_removed_and_the_main_one_never()
    {
        var worktree = await rpc.CreateWorktreeAsync(repo.Root, "clean");
        await rpc.RemoveWorktreeAsync(worktree.Path);
        Assert.False(Directory.Exists(worktree.Path));
        await GitRpc.FailsAsync(() => rpc.RemoveWorktreeAsync(repo.Root, force: true), ErrorCodes.InvalidParams);
        Assert.True(File.Exists(repo.PathOf("a.txt")));
    }

    [Fact]
    public async Task Prune_forgets_worktrees_whose_folder_is_gone()
    {
        var gone = await rpc.CreateWorktreeAsync(repo.Root, "gone");
        var kept = await rpc.CreateWorktreeAsync(repo.Root, "kept");
        Directory.Delete(gone.Path, recursive: true);
        var pruned = await rpc.InvokeWithParameterObjectAsync<WorktreePruneResult>(Methods.WorktreesPrune, new WorktreePruneParams { Repo = repo.Root });
        Assert.Equal([gone.Path], pruned.Pruned);
        Assert.Equal([repo.Root, kept.Path], (await rpc.ListWorktreesAsync(repo.Root)).Select(w => w.Path));
    }

    [Fact]
    public async Task Review_works_inside_a_worktree_against_its_own_index()
    {
        var worktree = await rpc.CreateWorktreeAsync(repo.Root, "review");
        File.WriteAllText(Path.Combine(worktree.Path, "a.txt"), "agent\n");
        var file = Assert.Single((await rpc.ChangesAsync(worktree.Path)).Files);
        await rpc.AcceptAsync(worktree.Path, hunkIds: [file.Hunks[0].Id]);
        Assert.Equal("agent\n", TestRepository.GitIn(worktree.Path, "show", ":a.txt"));
        Assert.Equal(string.Empty, repo.Git("status", "--porcelain"));
    }

    [Fact]
    public async Task Other_features_can_create_a_worktree_through_the_public_service()
    {
        var service = (Maestro.Server.Git.Worktrees.WorktreeService)server.Services.GetService(typeof(Maestro.Server.Git.Worktrees.WorktreeService))!;
        var worktree = await service.CreateAsync(repo.Root, "maestro/session-1", null, null, CancellationToken.None);
        Assert.True(Directory.Exists(worktree.Path));
        _ = JsonNode.Parse("{}");
    }
}
