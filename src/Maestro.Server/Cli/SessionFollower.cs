using System.Threading.Channels;
using Maestro.Protocol;
using Maestro.Server.Hosting;
using StreamJsonRpc;

namespace Maestro.Server.Cli;

/// <summary>
/// <c>maestro sessions show ID --follow</c>: the transcript so far, then each new event as it comes, like
/// <c>kubectl logs -f</c>, until the session is closed or the user presses Ctrl-C. Live events that arrive
/// while the history is being read are held and printed once, in seq order; a gap is filled from history.
/// The follow ends when <c>sessions/changed</c> says the session is closed.
/// </summary>
internal sealed class SessionFollower
{
    private readonly string sessionId;
    private readonly Channel<SessionEventNotification> live = Channel.CreateUnbounded<SessionEventNotification>(new UnboundedChannelOptions { SingleReader = true });

    private SessionFollower(string sessionId)
    {
        this.sessionId = sessionId;
    }

    public static async Task<int> FollowAsync(string sessionId, bool json, CancellationToken cancellationToken)
    {
        var follower = new SessionFollower(sessionId);
        await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken, follower);
        var session = await client.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = sessionId }, cancellationToken);
        var printer = new TranscriptPrinter(json);
        var printed = await PrintHistoryAsync(client, sessionId, after: 0, printer, cancellationToken);
        if (session.Status == SessionStatus.Closed)
        {
            return ExitCodes.Ok;
        }

        try
        {
            await foreach (var notification in follower.live.Reader.ReadAllAsync(cancellationToken))
            {
                if (notification.Seq <= printed)
                {
                    continue;
                }

                if (notification.Seq > printed + 1)
                {
                    printed = await PrintHistoryAsync(client, sessionId, printed, printer, cancellationToken);
                    if (notification.Seq <= printed)
                    {
                        continue;
                    }
                }

                printer.Print(notification);
                printed = notification.Seq;
                if (notification.Event is StatusEvent { Status: SessionStatus.Closed })
                {
                    return ExitCodes.Ok;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C ends a follow the way it ends `tail -f`: normally.
        }

        return ExitCodes.Ok;
    }

    /// <summary>Closing a session changes its status without an event: the follow ends once the events before it are printed.</summary>
    [JsonRpcMethod(Methods.SessionsChanged)]
    public void OnChanged(SessionChangedNotification notification)
    {
        if (notification.Session.Id == sessionId && notification.Session.Status == SessionStatus.Closed)
        {
            live.Writer.TryComplete();
        }
    }

    [JsonRpcMethod(Methods.SessionsEvent)]
    public void OnEvent(SessionEventNotification notification)
    {
        if (notification.SessionId == sessionId)
        {
            live.Writer.TryWrite(notification);
        }
    }

    /// <summary>Prints the session's stored events after <paramref name="after"/>, page by page; returns the last seq printed.</summary>
    public static async Task<long> PrintHistoryAsync(DaemonClient client, string sessionId, long after, TranscriptPrinter printer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await client.InvokeAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = sessionId, AfterSeq = after, Limit = 1000 }, cancellationToken);
            foreach (var e in page.Events)
            {
                printer.Print(e);
                after = e.Seq;
            }

            if (!page.HasMore || page.Events.Count == 0)
            {
                return after;
            }
        }
    }
}
