using Maestro.Protocol;
using Maestro.Server.Tests.Agents;
using Maestro.Server.Tests.Git;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Git;
using Maestro.TestSupport.ModelServer;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Sessions;

/// <summary>A Claude Code session in a fresh worktree on its own branch: the agent's edits stay there, reviewable, and are never thrown away.</summary>
[Collection(RealCliCollection.Name)]
public sealed class WorktreeSessionTests : RealClaudeTestBase
{
    protected override string SandboxName => "wt-session";


    [Fact]
    public async Task The_agent_works_on_its_own_branch_and_a_dirty_worktree_is_not_removed_on_close()
    {
        await using var server = new TestServer(home: Home.Path);
        using var rpc = await server.ConnectInitializedAsync("worktree-session");

        // Issue 13 M2 through sessions/create: a branch git would read as an option is refused before git sees it.
        var branchesBefore = TestRepository.GitIn(Sandbox.Repo, "branch", "--format=%(refname:short)").Trim();
        var dashed = await GitRpc.FailsAsync(
            () => rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams
            {
                AgentId = "claude-code",
                Cwd = Sandbox.Repo,
                Worktree = new WorktreeRequest { Branch = "-m" },
            }),
            ErrorCodes.InvalidParams);
        Assert.Contains("starts with '-'", dashed.Message, StringComparison.Ordinal);
        Assert.Equal(branchesBefore, TestRepository.GitIn(Sandbox.Repo, "branch", "--format=%(refname:short)").Trim());

        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams
        {
            AgentId = "claude-code",
            Cwd = Sandbox.Repo,
            Name = "feature x",
            Worktree = new WorktreeRequest { Branch = "maestro/feature-x" },
            PermissionMode = PermissionMode.Bypass,
        });
        Assert.Equal("maestro/feature-x", session.Branch);
        Assert.NotNull(session.Worktree);
        Assert.NotEqual(Sandbox.Repo, session.Worktree);

        var target = Path.Combine(session.Worktree!, "feature.txt");
        Model.EnqueueTurn(ScriptStep.ToolCall("Write", $$"""{"file_path":"{{target}}","content":"on the branch\n"}"""), ScriptStep.Text("Done."));
        var turn = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Write feature.txt" });
        Assert.Equal(StopReason.EndTurn, turn.StopReason);
        Assert.True(File.Exists(target));
        Assert.False(File.Exists(Sandbox.RepoFile("feature.txt")), "the main checkout is untouched");

        var changes = await rpc.InvokeWithParameterObjectAsync<ReviewChangesResult>(Methods.ReviewChanges, new ReviewChangesParams { Cwd = session.Worktree! });
        // The agent review works in the worktree as in the main checkout: the file is the session's agent change.
        var feature = Assert.Single(changes.Files, f => f.Path == "feature.txt");
        Assert.Equal((session.Id, turn.TurnId, session.Name), (feature.SessionId, feature.TurnId, feature.SessionName));

        var refused = await Assert.ThrowsAsync<RemoteInvocationException>(() => rpc.InvokeWithParameterObjectAsync<object?>(Methods.SessionsClose, new SessionCloseParams { SessionId = session.Id, RemoveWorktree = true }));
        Assert.Equal(ErrorCodes.WorktreeDirty, refused.ErrorCode);
        Assert.Contains("feature.txt", refused.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(target), "nothing is deleted without force");

        await rpc.InvokeWithParameterObjectAsync<object?>(Methods.SessionsClose, new SessionCloseParams { SessionId = session.Id });
        var closed = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = session.Id });
        Assert.Equal(SessionStatus.Closed, closed.Status);
    }
}
