using System.Collections.Concurrent;
using System.Threading.Channels;
using Maestro.Protocol;
using Maestro.Server.Cli;
using Maestro.Server.Rpc;
using Maestro.Server.Sessions;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Hosts;

/// <summary>
/// A host's sessions as this daemon's clients see them: the last known state of each (kept, marked offline, while the
/// host is away), and their events forwarded with <c>host</c> set, each exactly once and in seq order. One loop
/// handles what the host sends, in order; a seq beyond the next expected one (events missed while the connection was
/// down) is filled from the host's <c>sessions/history</c> first, and one already forwarded is dropped.
/// </summary>
internal sealed class HostSessionRelay : IAsyncDisposable
{
    private const int HistoryPage = 500;

    private readonly string host;
    private readonly ConnectionRegistry clients;
    private readonly Func<string, CancellationToken, Task<bool>> claimedElsewhere;
    private readonly ILogger logger;
    private readonly HostSessionCache cache;
    private readonly Channel<Inbound> inbound = Channel.CreateBounded<Inbound>(new BoundedChannelOptions(4096) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<string, Session> sessions = new(StringComparer.Ordinal);

    // Guarded by gate (watches by its own lock).
    private readonly Dictionary<string, long> forwarded = new(StringComparer.Ordinal);
    private readonly HashSet<string> refused = new(StringComparer.Ordinal);
    private readonly List<TurnWatch> watches = [];
    private readonly Task loop;
    private DaemonClient? client;

    /// <param name="known">The host's sessions as this daemon last saw them (<see cref="HostSessionCache"/>): listed offline until the host answers.</param>
    public HostSessionRelay(string host, ConnectionRegistry clients, Func<string, CancellationToken, Task<bool>> claimedElsewhere, HostSessionCache cache, IReadOnlyList<Session> known, ILogger logger)
    {
        this.host = host;
        this.clients = clients;
        this.claimedElsewhere = claimedElsewhere;
        this.cache = cache;
        this.logger = logger;
        foreach (var session in known)
        {
            forwarded[session.Id] = session.LastSeq;
            sessions[session.Id] = Tag(session) with { Offline = true };
        }

        loop = Task.Run(RunAsync);
    }

    /// <summary>The host's sessions, last known state, <c>host</c> set.</summary>
    public IReadOnlyCollection<Session> Sessions => (IReadOnlyCollection<Session>)sessions.Values;

    public bool Owns(string sessionId) => sessions.ContainsKey(sessionId);

    public ValueTask OfferEventsAsync(IReadOnlyList<SessionEventNotification> events, CancellationToken cancellationToken)
        => events.Count == 0 ? ValueTask.CompletedTask : inbound.Writer.WriteAsync(new Inbound(events, null), cancellationToken);

    public ValueTask OfferChangedAsync(SessionChangedNotification changed, CancellationToken cancellationToken)
        => inbound.Writer.WriteAsync(new Inbound(null, changed), cancellationToken);

    /// <summary>
    /// The connection is up: reads the host's session list, forgets the sessions deleted meanwhile, fills every gap
    /// from history, and tells the clients each session is back.
    /// </summary>
    public async Task OnlineAsync(DaemonClient connected, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            client = connected;
            var list = await connected.InvokeAsync<SessionListResult>(Methods.SessionsList, new SessionListParams(), cancellationToken);
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var session in list.Sessions)
            {
                present.Add(session.Id);
                if (!await LearnAsync(session, cancellationToken))
                {
                    continue;
                }

                if (session.LastSeq > forwarded[session.Id])
                {
                    await FillAsync(session.Id, session.LastSeq, cancellationToken);
                }
            }

            foreach (var gone in sessions.Keys.Where(id => !present.Contains(id)).ToList())
            {
                if (sessions.TryRemove(gone, out var last))
                {
                    forwarded.Remove(gone);
                    await ForgetAsync(gone);
                    clients.PostToAll(Methods.SessionsChanged, new SessionChangedNotification { Session = last with { Offline = false }, Deleted = true });
                }
            }

            foreach (var session in list.Sessions.Where(s => sessions.ContainsKey(s.Id)))
            {
                var tagged = await KeepAsync(session);
                clients.PostToAll(Methods.SessionsChanged, new SessionChangedNotification { Session = tagged });
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The connection is gone: every session is kept as last known, marked offline, and the clients told.</summary>
    public async Task OfflineAsync()
    {
        await gate.WaitAsync();
        try
        {
            client = null;
            foreach (var (id, session) in sessions.Where(s => !s.Value.Offline))
            {
                var marked = session with { Offline = true };
                sessions[id] = marked;
                clients.PostToAll(Methods.SessionsChanged, new SessionChangedNotification { Session = marked });
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A session this daemon created on the host: known from now on, its events forwarded from its current seq.</summary>
    public async Task<Session> AddCreatedAsync(Session created, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await LearnAsync(created, cancellationToken);
            return sessions.GetValueOrDefault(created.Id) ?? Tag(created);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forwards whatever of the session's events up to <paramref name="lastSeq"/> has not been yet (after a turn's answer).</summary>
    public async Task CatchUpAsync(string sessionId, long lastSeq, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (forwarded.TryGetValue(sessionId, out var seq) && seq < lastSeq)
            {
                await FillAsync(sessionId, lastSeq, cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Completes with the turn's result when the session's next turn end after the events forwarded so far is forwarded.</summary>
    public async Task<TurnWatch> WatchTurnEndAsync(string sessionId, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var watch = new TurnWatch(sessionId, forwarded.GetValueOrDefault(sessionId), this);
            lock (watches)
            {
                watches.Add(watch);
            }

            return watch;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        inbound.Writer.TryComplete();
        await loop;
        gate.Dispose();
    }

    private void Unwatch(TurnWatch watch)
    {
        lock (watches)
        {
            watches.Remove(watch);
        }
    }

    private Session Tag(Session session) => session with { Host = host, Offline = false };

    private async Task RunAsync()
    {
        await foreach (var item in inbound.Reader.ReadAllAsync())
        {
            await gate.WaitAsync();
            try
            {
                if (item.Events is { } events)
                {
                    await HandleEventsAsync(events);
                }
                else if (item.Changed is { } changed)
                {
                    await HandleChangedAsync(changed);
                }
            }
            catch (Exception ex)
            {
                // The connection went down mid-fill: what is missing is filled when it is back.
                logger.LogWarning(ex, "Host {Host}: relaying an update failed", host);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private async Task HandleEventsAsync(IReadOnlyList<SessionEventNotification> events)
    {
        var id = events[0].SessionId;
        if (refused.Contains(id))
        {
            return;
        }

        if (!forwarded.TryGetValue(id, out var last))
        {
            // A session started on the host by another client: its state comes from the host.
            if (client is null || !await LearnAsync(await client.InvokeAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = id }, CancellationToken.None), CancellationToken.None))
            {
                return;
            }

            last = Math.Min(forwarded[id], events[0].Seq - 1);
            forwarded[id] = last;
        }

        // An outage event is revised in place (same seq) as the outage goes on: forwarded again, as the host sends it.
        var revised = events.Where(e => e.Seq <= last && e.Event is OutageEvent).ToList();
        if (revised.Count > 0)
        {
            Forward(revised);
        }

        var fresh = events.Where(e => e.Seq > last).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        if (fresh[0].Seq > last + 1)
        {
            await FillAsync(id, fresh[0].Seq - 1, CancellationToken.None);
        }

        Forward(fresh.Where(e => e.Seq > forwarded[id]).ToList());
    }

    private async Task HandleChangedAsync(SessionChangedNotification changed)
    {
        var id = changed.Session.Id;
        if (changed.Deleted)
        {
            sessions.TryRemove(id, out _);
            forwarded.Remove(id);
            await ForgetAsync(id);
            clients.PostToAll(Methods.SessionsChanged, changed with { Session = Tag(changed.Session) });
            return;
        }

        if (!await LearnAsync(changed.Session, CancellationToken.None))
        {
            return;
        }

        var tagged = await KeepAsync(changed.Session);
        clients.PostToAll(Methods.SessionsChanged, new SessionChangedNotification { Session = tagged });
    }

    /// <summary>The session's new state, in memory and in the cache (so a restart lists it); a failed write is logged, never fatal.</summary>
    private async Task<Session> KeepAsync(Session session)
    {
        var tagged = Tag(session);
        sessions[session.Id] = tagged;
        try
        {
            await cache.SaveAsync(host, session, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Host {Host}: could not keep the last state of {Session}", host, session.Id);
        }

        return tagged;
    }

    private async Task ForgetAsync(string sessionId)
    {
        try
        {
            await cache.ForgetAsync(host, sessionId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Host {Host}: could not forget {Session}", host, sessionId);
        }
    }

    /// <summary>
    /// Remembers a session of the host, unless its id is taken by a session of this machine or of another host: then
    /// it is refused (and logged), so an id always names one session here. Ids are random (<c>s_</c> and 48 bits), so
    /// this is a guard, not a case users meet. False when refused.
    /// </summary>
    private async Task<bool> LearnAsync(Session session, CancellationToken cancellationToken)
    {
        if (refused.Contains(session.Id))
        {
            return false;
        }

        if (forwarded.ContainsKey(session.Id))
        {
            return true;
        }

        if (await claimedElsewhere(session.Id, cancellationToken))
        {
            refused.Add(session.Id);
            logger.LogWarning("Host {Host} has a session {Session} whose id is taken here already: it is not shown", host, session.Id);
            return false;
        }

        forwarded[session.Id] = session.LastSeq;
        await KeepAsync(session);
        return true;
    }

    /// <summary>Forwards the session's events after the last forwarded one, up to <paramref name="upTo"/>, from the host's history.</summary>
    private async Task FillAsync(string sessionId, long upTo, CancellationToken cancellationToken)
    {
        if (client is not { } connected)
        {
            return;
        }

        while (forwarded[sessionId] < upTo)
        {
            var page = await connected.InvokeAsync<SessionHistoryResult>(
                Methods.SessionsHistory,
                new SessionHistoryParams { SessionId = sessionId, AfterSeq = forwarded[sessionId], Limit = HistoryPage },
                cancellationToken);
            var events = page.Events.Where(e => e.Seq > forwarded[sessionId] && e.Seq <= upTo).ToList();
            if (events.Count == 0)
            {
                break;
            }

            logger.LogDebug("Host {Host}: filled {Count} events of {Session} from history", host, events.Count, sessionId);
            Forward(events);
            if (!page.HasMore)
            {
                break;
            }
        }
    }

    private void Forward(List<SessionEventNotification> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        var tagged = events.Select(e => e with { Host = host }).ToList();
        SessionEventBroadcast.Post(clients, tagged);
        var id = events[0].SessionId;
        forwarded[id] = Math.Max(forwarded.GetValueOrDefault(id), events[^1].Seq);
        List<TurnWatch> watching;
        lock (watches)
        {
            watching = [.. watches.Where(w => w.SessionId == id)];
        }

        foreach (var watch in watching)
        {
            foreach (var e in tagged)
            {
                watch.Offer(e);
            }
        }
    }

    private readonly record struct Inbound(IReadOnlyList<SessionEventNotification>? Events, SessionChangedNotification? Changed);

    /// <summary>Waits for the end of a turn as its events are forwarded: the answer of a prompt whose connection was lost.</summary>
    public sealed class TurnWatch : IDisposable
    {
        private readonly TaskCompletionSource<SessionPromptResult> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly HostSessionRelay relay;
        private readonly long afterSeq;
        private Usage usage = Usage.Zero;

        internal TurnWatch(string sessionId, long afterSeq, HostSessionRelay relay)
        {
            SessionId = sessionId;
            this.afterSeq = afterSeq;
            this.relay = relay;
        }

        public string SessionId { get; }

        public Task<SessionPromptResult> Ended => ended.Task;

        public void Dispose() => relay.Unwatch(this);

        internal void Offer(SessionEventNotification notification)
        {
            if (notification.Seq <= afterSeq || ended.Task.IsCompleted)
            {
                return;
            }

            switch (notification.Event)
            {
                case UsageEvent used:
                    usage = usage.Add(used.Usage);
                    break;
                case StatusEvent { StopReason: { } stop } status:
                    ended.TrySetResult(new SessionPromptResult { TurnId = status.TurnId ?? string.Empty, StopReason = stop, Usage = usage });
                    break;
                default:
                    break;
            }
        }
    }
}
