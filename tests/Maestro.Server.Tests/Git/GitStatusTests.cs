using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Git;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Git;

public sealed class GitStatusTests : IAsyncLifetime
{
    private readonly TestServer server = new();
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string> { ["a.txt"] = "a\n", ["src/b.txt"] = "b\n" });
    private JsonRpc rpc = null!;

    public async Task InitializeAsync() => rpc = await server.ConnectInitializedAsync();

    public async Task DisposeAsync()
    {
        rpc.Dispose();
        await server.DisposeAsync();
        repo.Dispose();
    }

    private Task<GitStatusResult> StatusAsync(string cwd)
        => rpc.InvokeWithParameterObjectAsync<GitStatusResult>(Methods.GitStatus, new GitStatusParams { Cwd = cwd });

    [Fact]
    public async Task Status_from_a_subfolder_names_root_branch_head_and_changes()
    {
        repo.Write("a.txt", "changed\n");
        repo.Write("staged.txt", "s\n");
        repo.Git("add", "staged.txt");
        repo.Write("src/untracked.txt", "u\n");
        repo.Delete("src/b.txt");
        var status = await StatusAsync(repo.PathOf("src"));
        Assert.Equal(repo.Root, status.Root);
        Assert.Equal("main", status.Branch);
        Assert.Equal(repo.Git("rev-parse", "HEAD").Trim(), status.Head);
        Assert.Contains(status.Changes, c => c is { Path: "a.txt", Status: ChangeStatus.Modified, Staged: false });
        Assert.Contains(status.Changes, c => c is { Path: "staged.txt", Status: ChangeStatus.Added, Staged: true });
        Assert.Contains(status.Changes, c => c is { Path: "src/untracked.txt", Status: ChangeStatus.Untracked });
        Assert.Contains(status.Changes, c => c is { Path: "src/b.txt", Status: ChangeStatus.Deleted, Staged: false });
    }

    [Fact]
    public async Task Ahead_and_behind_count_against_the_upstream()
    {
        repo.Git("checkout", "--quiet", "-b", "feature");
        repo.Git("branch", "--quiet", "--set-upstream-to=main");
        repo.Write("f.txt", "1\n");
        repo.CommitAll("f1");
        repo.Write("f.txt", "2\n");
        repo.CommitAll("f2");
        repo.Git("checkout", "--quiet", "main");
        repo.Write("m.txt", "m\n");
        repo.CommitAll("m1");
        repo.Git("checkout", "--quiet", "feature");
        var status = await StatusAsync(repo.Root);
        Assert.Equal(("feature", 2, 1), (status.Branch, status.Ahead, status.Behind));
    }

    [Fact]
    public async Task Detached_head_has_no_branch_and_an_empty_repository_no_head()
    {
        repo.Git("checkout", "--quiet", "--detach");
        Assert.Null((await StatusAsync(repo.Root)).Branch);

        using var empty = TestRepository.Create();
        var status = await StatusAsync(empty.Root);
        Assert.Null(status.Head);
        Assert.Equal("main", status.Branch);
        Assert.Empty((await rpc.InvokeWithParameterObjectAsync<GitLogResult>(Methods.GitLog, new GitLogParams { Cwd = empty.Root })).Commits);
    }

    [Fact]
    public async Task Log_lists_commits_newest_first_with_a_limit_and_a_ref()
    {
        repo.Write("a.txt", "2\n");
        repo.CommitAll("second");
        repo.Write("a.txt", "3\n");
        repo.CommitAll("third");
        var log = await rpc.InvokeWithParameterObjectAsync<GitLogResult>(Methods.GitLog, new GitLogParams { Cwd = repo.Root, Limit = 2 });
        Assert.Equal(["third", "second"], log.Commits.Select(c => c.Summary));
        Assert.Equal("Maestro Tests", log.Commits[0].Author);
        var older = await rpc.InvokeWithParameterObjectAsync<GitLogResult>(Methods.GitLog, new GitLogParams { Cwd = repo.Root, Ref = "HEAD~2" });
        Assert.Equal(["initial"], older.Commits.Select(c => c.Summary));
        await GitRpc.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<GitLogResult>(Methods.GitLog, new GitLogParams { Cwd = repo.Root, Ref = "no-such-ref" }), ErrorCodes.InvalidParams);
    }

    [Fact]
    public async Task Branches_lists_local_branches_and_marks_head()
    {
        repo.Git("branch", "other");
        var branches = (await rpc.InvokeWithParameterObjectAsync<GitBranchesResult>(Methods.GitBranches, new GitBranchesParams { Cwd = repo.Root })).Branches;
        Assert.Equal(["main", "other"], branches.Select(b => b.Name));
        Assert.True(branches[0].IsHead);
        Assert.False(branches[1].IsHead);
    }

    [Fact]
    public async Task A_path_in_no_repository_is_NotARepository()
    {
        using var elsewhere = new TempDirectory("norepo");
        await GitRpc.FailsAsync(() => StatusAsync(elsewhere.Path), ErrorCodes.NotARepository);
        await GitRpc.FailsAsync(() => StatusAsync(Path.Combine(elsewhere.Path, "missing", "deeper")), ErrorCodes.NotARepository);
    }
}
