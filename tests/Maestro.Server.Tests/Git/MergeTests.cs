using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Git;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Git;

public sealed class MergeTests : IAsyncLifetime
{
    private readonly TestServer server = new();
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string> { ["a.txt"] = "a\nb\nc\n", ["other.txt"] = "o\n" });
    private JsonRpc rpc = null!;

    public async Task InitializeAsync() => rpc = await server.ConnectInitializedAsync();

    public async Task DisposeAsync()
    {
        rpc.Dispose();
        await server.DisposeAsync();
        repo.Dispose();
    }

    private async Task<Worktree> WorktreeWithAcceptedEditAsync(string branch, string content)
    {
        var worktree = await rpc.CreateWorktreeAsync(repo.Root, branch);
        File.WriteAllText(Path.Combine(worktree.Path, "a.txt"), content);
        await rpc.AcceptAsync(worktree.Path, paths: ["a.txt"]);
        return worktree;
    }

    [Fact]
    public async Task Accepted_changes_are_committed_and_fast_forwarded_into_the_checked_out_base()
    {
        var worktree = await WorktreeWithAcceptedEditAsync("ff", "a\nB\nc\n");
        File.WriteAllText(Path.Combine(worktree.Path, "not-accepted.txt"), "stays\n");
        repo.Write("local.txt", "the user's own work\n");

        var result = await rpc.MergeAsync(worktree.Path, message: "Agent work");
        Assert.True(result.Merged);
        Assert.True(result.FastForward);
        Assert.NotNull(result.Committed);
        Assert.Equal(result.Committed, result.Head);
        Assert.Equal(result.Head, repo.Git("rev-parse", "main").Trim());
        Assert.Equal("a\nB\nc\n", repo.Read("a.txt"));
        Assert.Equal("the user's own work\n", repo.Read("local.txt"));
        Assert.False(File.Exists(repo.PathOf("not-accepted.txt")));
        Assert.Equal("Agent work|Maestro Tests", repo.Git("log", "-1", "--format=%s|%an").Trim());
    }

    [Fact]
    public async Task A_base_that_moved_on_gets_a_merge_commit()
    {
        var worktree = await WorktreeWithAcceptedEditAsync("mc", "a\nB\nc\n");
        repo.Write("other.txt", "moved on\n");
        repo.CommitAll("main moves");

        var ffOnly = await rpc.MergeAsync(worktree.Path, message: "Agent work", strategy: MergeStrategy.FastForwardOnly);
        Assert.False(ffOnly.Merged);
        Assert.NotNull(ffOnly.Reason);

        var result = await rpc.MergeAsync(worktree.Path);
        Assert.True(result.Merged);
        Assert.False(result.FastForward);
        Assert.Equal(result.Head, repo.Git("rev-parse", "main").Trim());
        Assert.Equal(2, repo.Git("rev-list", "--parents", "-n", "1", "main").Trim().Split(' ').Length - 1);
        Assert.Equal("a\nB\nc\n", repo.Read("a.txt"));
        Assert.Equal("moved on\n", repo.Read("other.txt"));
        Assert.Equal(string.Empty, repo.Git("status", "--porcelain"));
    }

    [Fact]
    public async Task Conflicts_are_reported_and_nothing_is_merged()
    {
        var worktree = await WorktreeWithAcceptedEditAsync("conflict", "a\nAGENT\nc\n");
        repo.Write("a.txt", "a\nUSER\nc\n");
        repo.CommitAll("user edit");
        var before = repo.Git("rev-parse", "main").Trim();

        var result = await rpc.MergeAsync(worktree.Path, message: "Agent work");
        Assert.False(result.Merged);
        Assert.Equal(["a.txt"], result.Conflicts);
        Assert.NotNull(result.Committed);
        Assert.Equal(before, repo.Git("rev-parse", "main").Trim());
        Assert.Equal("a\nUSER\nc\n", repo.Read("a.txt"));
        Assert.Equal(string.Empty, repo.Git("status", "--porcelain"));
        Assert.False(File.Exists(repo.PathOf(".git/MERGE_HEAD")));
    }

    [Fact]
    public async Task A_base_branch_not_checked_out_just_moves()
    {
        repo.Git("branch", "integration");
        var worktree = await rpc.CreateWorktreeAsync(repo.Root, "side", @base: "integration");
        Assert.Equal("integration", repo.Git("config", "--get", "branch.side.maestrobase").Trim());
        File.WriteAllText(Path.Combine(worktree.Path, "a.txt"), "side\n");
        await rpc.AcceptAsync(worktree.Path, paths: ["."]);
        var result = await rpc.MergeAsync(worktree.Path, message: "side work");
        Assert.True(result.Merged);
        Assert.True(result.Head == repo.Git("rev-parse", "integration").Trim(), repo.Git("log", "--all", "--oneline", "--graph", "--decorate") + System.Text.Json.JsonSerializer.Serialize(result));
        Assert.NotEqual(result.Head, repo.Git("rev-parse", "main").Trim());
    }
}
