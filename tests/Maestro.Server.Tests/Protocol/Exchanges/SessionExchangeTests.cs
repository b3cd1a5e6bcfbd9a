using System.Text.Json.Nodes;
using Maestro.Protocol;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>
/// Records (or checks, see <see cref="ExchangeStore"/>) the sessions methods not covered by the real-Claude recordings,
/// <c>sessions/events</c>, <c>$/cancelRequest</c> and the documented session errors. The agent is the Claude Code
/// STAND-IN script: each turn takes milliseconds, and a "(slow)" task keeps one running until it is cancelled.
/// </summary>
public sealed class SessionExchangeTests : IAsyncLifetime
{
    private ExchangeSandbox sandbox = null!;

    public Task InitializeAsync()
    {
        sandbox = ExchangeSandbox.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task List_rename_batched_events_cancel_request_close_and_errors()
    {
        await using var client = await sandbox.ConnectAsync("exchanges-batched", new ClientCapabilities { BatchedEvents = true });
        var session = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Repo, PermissionMode = PermissionMode.Bypass }));
        var id = (string)session["result"]!["id"]!;

        var turn = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "Say hello" }));
        Assert.Equal("endTurn", (string?)turn["result"]!["stopReason"]);
        // How many events one batch holds depends on how fast the agent prints against the pump: any batch of the session will do.
        Exchange.RecordMessage(await client.NotificationAsync(Methods.SessionsEvents, p => (string?)p["sessionId"] == id && p["events"]!.AsArray().Count > 0));

        // The agent's stderr: kept per session (its key masked), sent to the clients as it comes, read back on demand.
        var warned = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "Your task (line 1 of the document): warn (stderr)" }));
        Assert.Equal("endTurn", (string?)warned["result"]!["stopReason"]);
        var appended = await client.NotificationAsync(Methods.SessionsOutputAppended, p => (string?)p["sessionId"] == id && p["lines"]!.AsArray().Any(l => ((string?)l!["text"])?.StartsWith("warning:", StringComparison.Ordinal) == true));
        Exchange.RecordMessage(appended);
        var firstWarning = appended["params"]!["lines"]!.AsArray().First(l => ((string?)l!["text"])!.StartsWith("warning:", StringComparison.Ordinal))!;
        var output = await client.RecordAsync(Methods.SessionsOutput, new SessionOutputParams { SessionId = id, AfterSeq = (long)firstWarning["seq"]! - 1 });
        Assert.Equal(
            ["warning: the model is slow, retrying (1/3)", "warning: using the key [redacted]"],
            output["result"]!["lines"]!.AsArray().Select(l => (string)l!["text"]!).ToArray());
        await client.RecordErrorAsync(Methods.SessionsOutput, new SessionOutputParams { SessionId = "s_000000000000" }, ErrorCodes.SessionNotFound, ErrorKinds.SessionNotFound);

        await client.RecordAsync(Methods.SessionsList, new SessionListParams { Cwd = sandbox.Repo });
        var renamed = await client.RecordAsync(Methods.SessionsRename, new SessionRenameParams { SessionId = id, Name = "Greeter" });
        Assert.Equal("Greeter", (string?)renamed["result"]!["name"]);
        var configured = await client.RecordAsync(Methods.SessionsConfigure, new SessionConfigureParams { SessionId = id, Model = "claude-sonnet-4-5", PermissionMode = PermissionMode.AcceptEdits });
        Assert.Equal("acceptEdits", (string?)configured["result"]!["permissionMode"]);
        await client.RecordErrorAsync(Methods.SessionsConfigure, new SessionConfigureParams { SessionId = id, AgentId = "no-such-agent" }, ErrorCodes.AgentUnavailable, ErrorKinds.AgentUnavailable);
        await client.CallAsync(Methods.SessionsConfigure, new SessionConfigureParams { SessionId = id, Model = "", PermissionMode = PermissionMode.Bypass });

        // $/cancelRequest on a running prompt: the turn is killed and the prompt answers stopReason "cancelled"
        // (a result, not -32800: the turn did start, and its events up to the kill are kept).
        var slow = new SessionPromptParams { SessionId = id, Text = "Your task (line 1 of the document): wait (slow)" };
        var (requestId, answer) = client.Send(Methods.SessionsPrompt, slow);
        await client.NotificationAsync(Methods.SessionsChanged, p => (string?)p["session"]!["id"] == id && (string?)p["session"]!["status"] == "running");
        // A running turn refuses a change of agent, model or permission mode.
        await client.RecordErrorAsync(Methods.SessionsConfigure, new SessionConfigureParams { SessionId = id, PermissionMode = PermissionMode.Ask }, ErrorCodes.Busy, ErrorKinds.Busy);
        var cancel = new CancelRequestParams { Id = System.Text.Json.JsonSerializer.SerializeToElement(requestId) };
        await client.NotifyAsync(Methods.CancelRequest, cancel);
        var cancelled = await answer.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("cancelled", (string?)Exchange.AssertNoError(cancelled)["result"]!["stopReason"]);
        Exchange.RecordSentNotification(Methods.CancelRequest, cancel);
        Exchange.Record(ExchangeStore.FileName(Methods.SessionsPrompt, "cancelRequest"), Methods.SessionsPrompt, slow, cancelled);

        // An open session is not deleted without force.
        await client.RecordErrorAsync(Methods.SessionsDelete, new SessionDeleteParams { SessionId = id }, ErrorCodes.Busy, ErrorKinds.Busy);
        await client.RecordAsync(Methods.SessionsClose, new SessionCloseParams { SessionId = id });
        await client.RecordErrorAsync(Methods.SessionsPrompt, new SessionPromptParams { SessionId = id, Text = "Still there?" }, ErrorCodes.Busy, ErrorKinds.Busy);
        var archived = await client.RecordAsync(Methods.SessionsArchive, new SessionArchiveParams { SessionId = id, Archived = true });
        Assert.True((bool?)archived["result"]!["archived"]);
        await client.RecordErrorAsync(Methods.SessionsGet, new SessionIdParams { SessionId = "s_000000000000" }, ErrorCodes.SessionNotFound, ErrorKinds.SessionNotFound);
        await client.RecordErrorAsync(Methods.SessionsCreate, new SessionCreateParams { AgentId = "no-such-agent", Cwd = sandbox.Repo }, ErrorCodes.AgentUnavailable, ErrorKinds.AgentUnavailable);

        await client.RecordAsync(Methods.SessionsDelete, new SessionDeleteParams { SessionId = id });
        Exchange.RecordMessage(await client.NotificationAsync(Methods.SessionsChanged, p => (string?)p["session"]!["id"] == id && (bool?)p["deleted"] == true), "deleted");
        await client.RecordErrorAsync(Methods.SessionsGet, new SessionIdParams { SessionId = id }, ErrorCodes.SessionNotFound, ErrorKinds.SessionNotFound, "deleted");
    }

    [Fact]
    public async Task Close_removing_the_worktree_and_its_branch()
    {
        await using var client = await sandbox.ConnectAsync();
        var session = Exchange.AssertNoError(await client.CallAsync(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Repo, Worktree = new WorktreeRequest { Branch = "maestro/closing" } }));
        var closed = await client.RecordAsync(Methods.SessionsClose, new SessionCloseParams { SessionId = (string)session["result"]!["id"]!, RemoveWorktree = true, DeleteBranch = true }, "deleteBranch");
        Assert.True((bool)closed["result"]!["removedWorktree"]!["branchDeleted"]!);
    }
}
