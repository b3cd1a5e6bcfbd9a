using System.Threading.Channels;
using Maestro.Protocol;
using Maestro.Server.Rpc;
using Maestro.Server.Sessions.Resilience;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Sessions;

/// <summary>
/// The one path by which a session changes: events and updates go into a bounded channel; a single
/// loop gives events contiguous seq numbers, stores a batch and the session row in one transaction,
/// and only then broadcasts them. A full channel makes the agent's reader wait (back-pressure).
/// </summary>
internal sealed class SessionEventPump : IAsyncDisposable
{
    private const int BatchSize = 512;
    private readonly Channel<PumpItem> channel = Channel.CreateBounded<PumpItem>(new BoundedChannelOptions(8192) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly SessionStore store;
    private readonly ConnectionRegistry clients;
    private readonly ILogger logger;
    private readonly Action<SessionEventNotification> appended;
    private readonly Task loop;
    private readonly OutageRevisions outages = new();
    private Session session;

    public SessionEventPump(Session session, SessionStore store, ConnectionRegistry clients, ILogger logger, Action<SessionEventNotification> appended)
    {
        this.session = session;
        this.store = store;
        this.clients = clients;
        this.logger = logger;
        this.appended = appended;
        loop = Task.Run(RunAsync);
    }

    /// <summary>The session as last stored.</summary>
    public Session Current => Volatile.Read(ref session);

    public ValueTask EmitAsync(SessionEvent sessionEvent, CancellationToken cancellationToken)
        => channel.Writer.WriteAsync(new PumpItem(sessionEvent, null, null), cancellationToken);

    /// <summary>Changes the session row (status, name, agent session id); stored with the next batch.</summary>
    public ValueTask UpdateAsync(Func<Session, Session> change, CancellationToken cancellationToken = default)
        => channel.Writer.WriteAsync(new PumpItem(null, change, null), cancellationToken);

    /// <summary>Completes once everything written before it is stored and broadcast.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await channel.Writer.WriteAsync(new PumpItem(null, null, done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        channel.Writer.TryComplete();
        await loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<SessionEventNotification>(BatchSize);
        var revisions = new List<SessionEventNotification>();
        var flushes = new List<TaskCompletionSource>();
        while (await channel.Reader.WaitToReadAsync())
        {
            var before = session;
            var changed = false;
            while (batch.Count < BatchSize && channel.Reader.TryRead(out var item))
            {
                if (item.Event is { } revised && outages.SeqOf(revised) is { } revisedSeq)
                {
                    revisions.Add(new SessionEventNotification { SessionId = session.Id, Seq = revisedSeq, Time = DateTimeOffset.UtcNow, Event = revised });
                }
                else if (item.Event is { } e)
                {
                    var next = session with
                    {
                        LastSeq = session.LastSeq + 1,
                        UpdatedAt = DateTimeOffset.UtcNow,
                        Usage = e is UsageEvent u ? session.Usage.Add(u.Usage) : session.Usage,
                    };
                    session = next;
                    batch.Add(new SessionEventNotification { SessionId = session.Id, Seq = session.LastSeq, Time = session.UpdatedAt, Event = e });
                    outages.Numbered(batch.Skip(batch.Count - 1));
                }
                else if (item.Change is { } change)
                {
                    session = change(session) with { UpdatedAt = DateTimeOffset.UtcNow };
                    changed = true;
                }
                else if (item.Flush is { } flush)
                {
                    flushes.Add(flush);
                    break;
                }
            }

            try
            {
                if (batch.Count > 0 || changed)
                {
                    var stored = await store.AppendAsync(session, batch, CancellationToken.None);
                    if (stored.Session.LastSeq != session.LastSeq)
                    {
                        logger.LogWarning("Session {Session} had events stored by another process; this batch is numbered after them", session.Id);
                        session = stored.Session;
                        batch.Clear();
                        batch.AddRange(stored.Events);
                    }
                }

                if (revisions.Count > 0)
                {
                    await store.ReviseAsync(revisions, CancellationToken.None);
                }
            }
            catch (Exception ex)
            {
                // Never broadcast what is not stored: drop the batch and keep the last stored state.
                logger.LogError(ex, "Could not store {Count} events of session {Session}", batch.Count, session.Id);
                session = before;
                batch.Clear();
                revisions.Clear();
                CompleteAll(flushes);
                continue;
            }

            outages.Numbered(batch);
            outages.Revised(revisions);
            batch.AddRange(revisions);
            revisions.Clear();
            if (batch.Count > 0)
            {
                SessionEventBroadcast.Post(clients, batch);
            }

            foreach (var notification in batch)
            {
                appended(notification);
            }

            if (changed || batch.Any(n => n.Event is UsageEvent))
            {
                clients.PostToAll(Protocol.Methods.SessionsChanged, new SessionChangedNotification { Session = session });
            }

            batch.Clear();
            CompleteAll(flushes);
        }
    }

    private static void CompleteAll(List<TaskCompletionSource> flushes)
    {
        foreach (var flush in flushes)
        {
            flush.TrySetResult();
        }

        flushes.Clear();
    }

    private readonly record struct PumpItem(SessionEvent? Event, Func<Session, Session>? Change, TaskCompletionSource? Flush);
}
