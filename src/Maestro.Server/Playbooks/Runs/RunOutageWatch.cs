using System.Threading.Channels;
using Maestro.Protocol;
using Maestro.Server.Sessions;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>
/// Follows one task session's <c>outage</c> events while its turn runs, so the run can say it is waiting for the
/// provider. The session's pump raises the events: the handler only queues them, and one loop hands them on in order,
/// so a slow subscriber never holds up the agent's stream.
/// </summary>
internal sealed class RunOutageWatch : IAsyncDisposable
{
    private readonly SessionService sessions;
    private readonly string sessionId;
    private readonly Channel<OutageEvent> outages = Channel.CreateUnbounded<OutageEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;

    private RunOutageWatch(SessionService sessions, string sessionId, Func<OutageEvent, Task> onOutage)
    {
        this.sessions = sessions;
        this.sessionId = sessionId;
        sessions.EventAppended += OnAppended;
        loop = Task.Run(async () =>
        {
            await foreach (var outage in outages.Reader.ReadAllAsync())
            {
                await onOutage(outage);
            }
        });
    }

    /// <param name="onOutage">Each outage event of the session (waiting, then recovered or stopped), in order.</param>
    public static RunOutageWatch Start(SessionService sessions, string sessionId, Func<OutageEvent, Task> onOutage)
        => new(sessions, sessionId, onOutage);

    /// <summary>Stops following; completes once every event seen was handed on.</summary>
    public async ValueTask DisposeAsync()
    {
        sessions.EventAppended -= OnAppended;
        outages.Writer.TryComplete();
        await loop;
    }

    private void OnAppended(object? sender, SessionEventAppendedEventArgs e)
    {
        if (e.Notification.SessionId == sessionId && e.Notification.Event is OutageEvent outage)
        {
            outages.Writer.TryWrite(outage);
        }
    }
}
