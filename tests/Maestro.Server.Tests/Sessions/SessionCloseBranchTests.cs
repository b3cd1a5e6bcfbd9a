using Maestro.Protocol;
using Maestro.Server.Tests.Git;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Git;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Sessions;

/// <summary>
/// <c>sessions/close {removeWorktree, deleteBranch}</c>: the session's branch goes with its worktree when merged; an
/// unmerged one is kept and said, after the session is closed and its worktree removed. The agent is the Claude Code
/// STAND-IN script (the close is the server's; the branch's commits are made with git, as an agent would).
/// </summary>
public sealed class SessionCloseBranchTests : IAsyncLifetime
{
    private readonly TempDirectory home = new("home");
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string> { ["README.md"] = "# repo\n" });
    private TestServer server = null!;
    private JsonRpc rpc = null!;

    public async Task InitializeAsync()
    {
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", ClaudeStandIn.Create(home.Path), new Dictionary<string, string> { ["PATH"] = "/usr/local/bin:/usr/bin:/bin", ["HOME"] = home.Path });
        server = new TestServer(home: home.Path);
        rpc = await server.ConnectInitializedAsync("close-branch");
    }

    public async Task DisposeAsync()
    {
        rpc.Dispose();
        await server.DisposeAsync();
        repo.Dispose();
        home.Dispose();
    }

    private Task<Session> CreateAsync(string branch)
        => rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = repo.Root, Worktree = new WorktreeRequest { Branch = branch } });

    private Task<SessionCloseResult> CloseAsync(string sessionId, bool removeWorktree, bool deleteBranch)
        => rpc.InvokeWithParameterObjectAsync<SessionCloseResult>(Methods.SessionsClose, new SessionCloseParams { SessionId = sessionId, RemoveWorktree = removeWorktree, DeleteBranch = deleteBranch });

    private async Task<SessionStatus> StatusAsync(string sessionId)
        => (await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = sessionId })).Status;

    private bool BranchExists(string branch) => TestRepository.RunGit(repo.Root, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch).ExitCode == 0;

    [Fact]
    public async Task A_merged_branch_goes_with_the_worktree_and_the_result_says_so()
    {
        var session = await CreateAsync("maestro/merged");
        var closed = await CloseAsync(session.Id, removeWorktree: true, deleteBranch: true);
        Assert.Equal((session.Worktree, "maestro/merged", true), (closed.RemovedWorktree!.Path, closed.RemovedWorktree.Branch, closed.RemovedWorktree.BranchDeleted));
        Assert.False(Directory.Exists(session.Worktree));
        Assert.False(BranchExists("maestro/merged"));
        Assert.Equal(SessionStatus.Closed, await StatusAsync(session.Id));

        // Without removeWorktree nothing is removed and the result says none was.
        var plain = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = repo.Root });
        Assert.Null((await CloseAsync(plain.Id, removeWorktree: false, deleteBranch: false)).RemovedWorktree);
    }

    [Fact]
    public async Task An_unmerged_branch_is_kept_and_said_after_the_session_is_closed_and_its_worktree_removed()
    {
        var session = await CreateAsync("maestro/unmerged");
        File.WriteAllText(Path.Combine(session.Worktree!, "work.txt"), "the agent's work\n");
        TestRepository.GitIn(session.Worktree!, "add", "work.txt");
        TestRepository.GitIn(session.Worktree!, "commit", "-q", "-m", "agent work");

        var refused = await GitRpc.FailsAsync(() => CloseAsync(session.Id, removeWorktree: true, deleteBranch: true), ErrorCodes.BranchNotMerged);
        Assert.StartsWith($"The session was closed and its worktree '{session.Worktree}' removed, but its branch 'maestro/unmerged' was kept: it has commits not merged into 'main'.", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith($"git -C {repo.Root} branch -D maestro/unmerged", refused.Message, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Closed, await StatusAsync(session.Id));
        Assert.False(Directory.Exists(session.Worktree));
        Assert.True(BranchExists("maestro/unmerged"));
    }

    [Fact]
    public async Task Delete_branch_without_remove_worktree_is_refused_and_the_session_stays_open()
    {
        var session = await CreateAsync("maestro/alone");
        var refused = await GitRpc.FailsAsync(() => CloseAsync(session.Id, removeWorktree: false, deleteBranch: true), ErrorCodes.InvalidParams);
        Assert.Contains("pass removeWorktree as well", refused.Message, StringComparison.Ordinal);
        Assert.NotEqual(SessionStatus.Closed, await StatusAsync(session.Id));
        Assert.True(Directory.Exists(session.Worktree));
        Assert.True(BranchExists("maestro/alone"));
    }
}
