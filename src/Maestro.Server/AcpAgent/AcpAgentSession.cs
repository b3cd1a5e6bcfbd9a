using System.Text.Json.Nodes;
using System.Threading.Channels;
using Maestro.Protocol;
using Maestro.Server.Agents.Acp;
using Maestro.Server.Cli;
using StreamJsonRpc;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// One Maestro session opened through <c>maestro acp</c> (its ACP session id is the Maestro session id). The daemon's
/// <c>sessions/event</c> notifications are queued and sent to the editor as <c>session/update</c> in seq order by one
/// pump; a gap (notifications can be dispatched out of order, or be missed) is filled from <c>sessions/history</c>, so
/// the editor sees every stored event once, in order, before the turn's <c>stopReason</c>.
/// </summary>
internal sealed class AcpAgentSession : IAsyncDisposable
{
    // Unbounded: the daemon connection's reader must never wait on the editor; the daemon bounds what it sends.
    private readonly Channel<SessionEventNotification> live = Channel.CreateUnbounded<SessionEventNotification>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly DaemonClient daemon;
    private readonly JsonRpc editor;
    private readonly AcpUpdateMapper mapper;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task pump;
    private long delivered;
    private string cwd;
    private int turnRunning;
    private AcpPlaybookRun? run;
    private AcpChatRoom? room;

    public AcpAgentSession(Session session, DaemonClient daemon, JsonRpc editor, long deliveredSeq)
    {
        Id = session.Id;
        cwd = session.Worktree ?? session.Cwd;
        this.daemon = daemon;
        this.editor = editor;
        delivered = deliveredSeq;
        mapper = new AcpUpdateMapper(Cwd, ReadFile);
        pump = Task.Run(PumpAsync);
    }

    public string Id { get; }

    /// <summary>The folder the session works in: its worktree when it has one (<c>/worktree</c> moves it).</summary>
    public string Cwd
    {
        get => Volatile.Read(ref cwd);
        private set => Volatile.Write(ref cwd, value);
    }

    /// <summary>The session's agent as <c>agents/list</c> reports it: its context window sizes the <c>usage_update</c>s.</summary>
    public void UseAgent(string agentId, IReadOnlyList<AgentInfo> agents)
        => mapper.ContextWindow = agents.FirstOrDefault(a => a.Id == agentId)?.ContextWindow;

    /// <summary>Keeps the folder in step with the daemon's session after a change such as <c>/worktree</c>.</summary>
    public void Follow(Session session)
    {
        Cwd = session.Worktree ?? session.Cwd;
        mapper.MovedTo(Cwd);
    }

    public string? LastError => mapper.LastError;

    /// <summary>Queues a live event of this session; called by the daemon listener.</summary>
    public void Enqueue(SessionEventNotification notification) => live.Writer.TryWrite(notification);

    /// <summary>Marks a turn as running; false when one already runs (ACP allows one prompt at a time per session).</summary>
    public bool TryStartTurn() => Interlocked.CompareExchange(ref turnRunning, 1, 0) == 0;

    public void EndTurn() => Volatile.Write(ref turnRunning, 0);

    /// <summary>The Playbook run this session's <c>/playbook</c> started and waits for; null when none runs.</summary>
    public AcpPlaybookRun? Run
    {
        get => Volatile.Read(ref run);
        set => Volatile.Write(ref run, value);
    }

    /// <summary>The group-chat room <c>/room</c> attached: the session's prompts go there while it is set.</summary>
    public AcpChatRoom? Room
    {
        get => Volatile.Read(ref room);
        set => Volatile.Write(ref room, value);
    }

    /// <summary>Sends every stored event up to <paramref name="seq"/> that the editor has not seen, from history if need be.</summary>
    public async Task CatchUpAsync(long seq, bool replay, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await FillAsync(seq, replay, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Sends an update that is no stored event (a command's answer, the commands on offer), in order with the others.</summary>
    public async Task SendAsync(JsonObject update, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await editor.NotifyWithParameterObjectAsync(AcpWire.ClientMethods.SessionUpdate, new JsonObject { ["sessionId"] = Id, ["update"] = update });
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Asks the editor with <c>session/request_permission</c>, after the updates that lead to it (the tool call it is about).</summary>
    public async Task<PermissionResponse> RequestPermissionAsync(PermissionRequestParams request, CancellationToken cancellationToken)
    {
        var current = await daemon.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = Id }, cancellationToken);
        await CatchUpAsync(current.LastSeq, replay: false, cancellationToken);
        // Not cancelled on the wire (ACP has no such message for it): the daemon's cancellation ends only the wait.
        var answer = await editor.InvokeWithParameterObjectAsync<JsonObject>(AcpWire.ClientMethods.SessionRequestPermission, AcpPermissions.Request(Id, request), CancellationToken.None)
            .WaitAsync(cancellationToken);
        return AcpPermissions.Answer(answer, request);
    }

    public async ValueTask DisposeAsync()
    {
        live.Writer.TryComplete();
        await stopping.CancelAsync();
        try
        {
            await pump;
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
        Room?.Dispose();
    }

    private async Task PumpAsync()
    {
        await foreach (var notification in live.Reader.ReadAllAsync(stopping.Token))
        {
            await gate.WaitAsync(stopping.Token);
            try
            {
                if (notification.Seq <= delivered)
                {
                    continue;
                }

                if (notification.Seq > delivered + 1)
                {
                    await FillAsync(notification.Seq, replay: false, stopping.Token);
                }
                else
                {
                    await EmitAsync(notification, replay: false);
                }
            }
            catch (Exception ex) when (ex is RemoteInvocationException or ConnectionLostException or ObjectDisposedException)
            {
                // The editor or the daemon went away: nothing more can be delivered; the host ends the process.
                return;
            }
            finally
            {
                gate.Release();
            }
        }
    }

    /// <summary>Under the gate: the stored events after the last delivered one, up to <paramref name="seq"/>.</summary>
    private async Task FillAsync(long seq, bool replay, CancellationToken cancellationToken)
    {
        while (delivered < seq)
        {
            var page = await daemon.InvokeAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = Id, AfterSeq = delivered, Limit = 500 }, cancellationToken);
            foreach (var e in page.Events.Where(e => e.Seq <= seq))
            {
                await EmitAsync(e, replay);
            }

            if (!page.HasMore || page.Events.Count == 0)
            {
                return;
            }
        }
    }

    private async Task EmitAsync(SessionEventNotification notification, bool replay)
    {
        foreach (var update in mapper.Map(notification.Event, replay))
        {
            await editor.NotifyWithParameterObjectAsync(AcpWire.ClientMethods.SessionUpdate, new JsonObject { ["sessionId"] = Id, ["update"] = update });
        }

        delivered = notification.Seq;
    }

    private static string? ReadFile(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
