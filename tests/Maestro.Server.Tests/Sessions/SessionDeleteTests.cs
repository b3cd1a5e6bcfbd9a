using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Tests.Agents;
using Maestro.Server.Tests.Git;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Git;
using Maestro.TestSupport.ModelServer;
using Maestro.TestSupport.Sessions;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Sessions;

/// <summary>
/// Archiving and deleting sessions (issue 22's sessions list) with the real Claude Code CLI against the scripted model:
/// an open session is not deleted without force; a deleted one is gone from every client, its transcript with it, its
/// hunks are no longer offered as agent changes while the file keeps the edit, and the stats keep what it cost.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class SessionDeleteTests : RealClaudeTestBase
{
    protected override string SandboxName => "session-delete";

    [Fact]
    public async Task Archive_hides_nothing_but_a_flag_and_delete_forgets_the_session_everywhere_but_in_the_stats_and_on_disk()
    {
        var notes = Sandbox.RepoFile("notes.txt");
        await File.WriteAllTextAsync(notes, "alpha\nbeta\n");
        TestRepository.GitIn(Sandbox.Repo, "add", "notes.txt");
        TestRepository.GitIn(Sandbox.Repo, "commit", "-q", "-m", "notes");

        await using var server = new TestServer(home: Home.Path);
        using var rpc = await server.ConnectInitializedAsync("delete");
        var other = new EventRecorder();
        using var watcher = await server.ConnectInitializedAsync("watcher", other);
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = Sandbox.Repo, PermissionMode = PermissionMode.Bypass });
        Model.EnqueueTurn(ScriptStep.ToolCall("Edit", new JsonObject { ["file_path"] = notes, ["old_string"] = "beta", ["new_string"] = "agent beta" }.ToJsonString()));
        Model.EnqueueTurn(ScriptStep.Text("Edited."));
        var turn = await rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = session.Id, Text = "Edit beta" });
        Assert.Equal(StopReason.EndTurn, turn.StopReason);
        Assert.Equal("alpha\nagent beta\n", await File.ReadAllTextAsync(notes));
        Assert.Equal(session.Id, Assert.Single((await rpc.AgentChangesAsync(Sandbox.Repo)).Files).SessionId);
        var turnsBefore = (await rpc.InvokeWithParameterObjectAsync<StatsResult>(Methods.StatsGet, new StatsGetParams())).Totals.Turns;
        Assert.True(turnsBefore >= 1);

        // Archive is a flag every client hears of; it changes nothing else and goes back.
        var archived = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsArchive, new SessionArchiveParams { SessionId = session.Id });
        Assert.True(archived.Archived);
        await Wait.UntilAsync(() => other.Changes.Any(s => s.Id == session.Id && s.Archived), what: "the second client to hear of the archive");
        Assert.Equal(SessionStatus.Idle, archived.Status);
        Assert.True((await rpc.InvokeWithParameterObjectAsync<SessionListResult>(Methods.SessionsList, new SessionListParams())).Sessions.Single(s => s.Id == session.Id).Archived);
        Assert.False((await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsArchive, new SessionArchiveParams { SessionId = session.Id, Archived = false })).Archived);

        // Open: refused without force, with what to do.
        var refused = await GitRpc.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<object?>(Methods.SessionsDelete, new SessionDeleteParams { SessionId = session.Id }), ErrorCodes.Busy);
        Assert.Contains("still open (idle); close it first, or delete it with force", refused.Message, StringComparison.Ordinal);
        Assert.Contains((await rpc.InvokeWithParameterObjectAsync<SessionListResult>(Methods.SessionsList, new SessionListParams())).Sessions, s => s.Id == session.Id);

        await rpc.InvokeWithParameterObjectAsync<object?>(Methods.SessionsDelete, new SessionDeleteParams { SessionId = session.Id, Force = true });
        await Wait.UntilAsync(() => other.Deleted.Contains(session.Id), what: "the second client to hear of the deletion");
        Assert.DoesNotContain((await watcher.InvokeWithParameterObjectAsync<SessionListResult>(Methods.SessionsList, new SessionListParams())).Sessions, s => s.Id == session.Id);
        await GitRpc.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = session.Id }), ErrorCodes.SessionNotFound);
        await GitRpc.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<object?>(Methods.SessionsDelete, new SessionDeleteParams { SessionId = session.Id }), ErrorCodes.SessionNotFound);
        Assert.Empty((await rpc.AgentChangesAsync(Sandbox.Repo)).Files);
        Assert.Equal("alpha\nagent beta\n", await File.ReadAllTextAsync(notes));
        Assert.Equal(turnsBefore, (await rpc.InvokeWithParameterObjectAsync<StatsResult>(Methods.StatsGet, new StatsGetParams())).Totals.Turns);
    }
}
