using System.Collections.Concurrent;
using Maestro.Protocol;
using Maestro.Server.Agents.Permissions;
using Maestro.Server.Cli;
using Maestro.Server.Errors;
using Maestro.Server.Hosting;
using Maestro.Server.Hosts.Errors;
using Maestro.Server.Rpc;
using Maestro.Server.Sessions;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Maestro.Server.Hosts;

/// <summary>
/// The local daemon's connections to hosts, one per host, each started on first use, and the routing of a session's
/// requests to its host. A host's sessions keep the ids their host gave them (so events, history and the host's own
/// clients agree); an id that is taken here already is refused by the relay, so an id names one session.
/// </summary>
public sealed class HostConnections : IAsyncDisposable
{
    private readonly HostStore store;
    private readonly SshClient ssh;
    private readonly ConnectionRegistry clients;
    private readonly PermissionBroker permissions;
    private readonly SessionStore localSessions;
    private readonly HostSessionCache cache;
    private readonly MaestroOptions options;
    private readonly ILoggerFactory loggers;
    private readonly ILogger<HostConnections> logger;
    private readonly ConcurrentDictionary<string, HostConnection> connections = new(StringComparer.OrdinalIgnoreCase);

    // The runs of hosts seen so far (started from here, listed, or in a host's runs/progress): run id → last known run, host set.
    private readonly ConcurrentDictionary<string, Run> hostRuns = new(StringComparer.Ordinal);

    // The group chat rooms of hosts seen so far (created from here, listed, or in a host's chat/changed): room id → host.
    private readonly ConcurrentDictionary<string, string> hostRooms = new(StringComparer.Ordinal);
    private readonly Lock creating = new();
    private bool disposed;

    public HostConnections(HostStore store, SshClient ssh, ConnectionRegistry clients, PermissionBroker permissions, SessionStore localSessions, HostSessionCache cache, MaestroOptions options, ILoggerFactory loggers)
    {
        this.cache = cache;
        this.store = store;
        this.ssh = ssh;
        this.clients = clients;
        this.permissions = permissions;
        this.localSessions = localSessions;
        this.options = options;
        this.loggers = loggers;
        logger = loggers.CreateLogger<HostConnections>();
    }

    /// <summary>The state of a host's connection and why the last attempt failed; offline and no error before first use.</summary>
    public (HostState State, string? LastError) StateOf(string name)
        => connections.TryGetValue(name, out var connection) ? (connection.State, connection.LastError) : (HostState.Offline, null);

    /// <summary>The ssh pid of a connected host, for tests that cut the connection.</summary>
    public int? SshProcessId(string name) => connections.TryGetValue(name, out var connection) ? connection.SshProcessId : null;

    /// <summary>True when the session is one of a host's (its requests go there).</summary>
    public bool IsHostSession(string sessionId) => Route(sessionId) is not null;

    /// <summary>Creates a session on the host; it is known (and its events relayed) from its first event on.</summary>
    public async Task<Session> CreateSessionAsync(string hostName, SessionCreateParams request, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(hostName, cancellationToken);
        var client = await connection.ClientAsync(cancellationToken);
        var created = await CallAsync<Session>(connection, client, Methods.SessionsCreate, request with { Host = null }, cancellationToken);
        return await connection.Relay.AddCreatedAsync(created, cancellationToken);
    }

    /// <summary>
    /// A host's session as its host has it now (connecting on first use), known to the relay from then on, so its
    /// turns are routed there and its events relayed, even for a session this daemon did not create.
    /// </summary>
    public async Task<Session> GetSessionAsync(string hostName, string sessionId, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(hostName, cancellationToken);
        var session = await ForwardAsync<Session>(connection, Methods.SessionsGet, new SessionIdParams { SessionId = sessionId }, cancellationToken);
        _ = await connection.Relay.AddCreatedAsync(session, cancellationToken);
        return session;
    }

    /// <summary>
    /// Every host's sessions, last known state (offline ones marked). Hosts not connected yet are connected now, and
    /// the first attempt is waited for, so a list right after a restart already holds them.
    /// </summary>
    public async Task<IReadOnlyList<Session>> ListSessionsAsync(string? cwd, SessionStatus? status, CancellationToken cancellationToken)
    {
        var hosts = await store.ListAsync(cancellationToken);
        if (hosts.Count == 0)
        {
            return [];
        }

        var opened = new List<HostConnection>();
        foreach (var host in hosts)
        {
            opened.Add(await OpenAsync(host.Name, cancellationToken));
        }

        await Task.WhenAll(opened.Select(c => c.SettledAsync(cancellationToken)));
        return [.. opened
            .SelectMany(c => c.Relay.Sessions)
            .Where(s => (cwd is null || s.Cwd == cwd) && (status is null || s.Status == status))
            .OrderByDescending(s => s.UpdatedAt)];
    }

    /// <summary>The host a request goes to: the one it names, else the one of the session it is about; null for this machine.</summary>
    public string? HostOf(string? host, string? sessionId)
        => host ?? (sessionId is not null && Route(sessionId) is { } connection ? connection.Name : null);

    /// <summary>Sends a request to a host's daemon (connecting on first use); its answer or error as the host gave it.</summary>
    public async Task<T> ForwardToHostAsync<T>(string hostName, string method, object request, CancellationToken cancellationToken)
        => await ForwardAsync<T>(await OpenAsync(hostName, cancellationToken), method, request, cancellationToken);

    /// <summary>The host of a run seen from a host; null for a run of this machine.</summary>
    public string? HostOfRun(string runId) => hostRuns.TryGetValue(runId, out var run) ? run.Host : null;

    /// <summary>Starts a playbook run on a host; its runs/progress is relayed with <c>host</c> set from then on.</summary>
    public async Task<Run> RunPlaybookAsync(string hostName, PlaybookRunParams request, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(hostName, cancellationToken);
        return Remember(connection.Name, await ForwardAsync<Run>(connection, Methods.PlaybooksRun, request, cancellationToken));
    }

    /// <summary>The runs of the hosts connected now, as they list them (a host that is not connected is not asked).</summary>
    public async Task<IReadOnlyList<Run>> ListRunsAsync(RunsListParams request, CancellationToken cancellationToken)
    {
        var online = connections.Values.Where(c => c.State == HostState.Online).ToList();
        var lists = await Task.WhenAll(online.Select(async c =>
        {
            try
            {
                return (await ForwardAsync<RunsListResult>(c, Methods.RunsList, request, cancellationToken)).Runs.Select(r => Remember(c.Name, r)).ToList();
            }
            catch (HostUnreachableException)
            {
                return [];
            }
        }));
        return [.. lists.SelectMany(l => l)];
    }

    /// <summary>The host of a group chat room seen from a host; null for a room of this machine.</summary>
    public string? HostOfRoom(string roomId) => hostRooms.TryGetValue(roomId, out var host) ? host : null;

    /// <summary>Creates a group chat room on a host (its participants' sessions run there); its messages are relayed with <c>host</c> set.</summary>
    public async Task<Room> CreateRoomAsync(string hostName, ChatCreateParams request, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(hostName, cancellationToken);
        return RememberRoom(connection.Name, await ForwardAsync<Room>(connection, Methods.ChatCreate, request with { Host = null }, cancellationToken));
    }

    /// <summary>The rooms of the hosts connected now, as they list them (a host that is not connected is not asked).</summary>
    public async Task<IReadOnlyList<Room>> ListRoomsAsync(CancellationToken cancellationToken)
    {
        var online = connections.Values.Where(c => c.State == HostState.Online).ToList();
        var lists = await Task.WhenAll(online.Select(async c =>
        {
            try
            {
                return (await ForwardAsync<ChatListResult>(c, Methods.ChatList, null, cancellationToken)).Rooms.Select(r => RememberRoom(c.Name, r)).ToList();
            }
            catch (HostUnreachableException)
            {
                return [];
            }
        }));
        return [.. lists.SelectMany(l => l)];
    }

    /// <summary>A host's room, as its host sent it: remembered (for routing), with <c>host</c> set.</summary>
    internal Room RememberRoom(string hostName, Room room)
    {
        hostRooms[room.Id] = hostName;
        return room with { Host = hostName };
    }

    /// <summary>A host's run, as its host sent it: remembered (for routing), with <c>host</c> set.</summary>
    internal Run Remember(string hostName, Run run)
    {
        var tagged = run with { Host = hostName };
        hostRuns[run.Id] = tagged;
        return tagged;
    }

    /// <summary>Sends a request about a host's session (<see cref="IsHostSession"/>) to its host.</summary>
    public Task<T> ForwardAsync<T>(string sessionId, string method, object request, CancellationToken cancellationToken)
        => ForwardAsync<T>(RouteOf(sessionId), method, request, cancellationToken);

    /// <summary>
    /// A turn on a host's session. The answer comes after the turn's events are relayed. When the connection is lost
    /// mid-turn, the turn goes on there: the answer is built from the turn's end as the relay fills the gap after
    /// the reconnect.
    /// </summary>
    public async Task<SessionPromptResult> PromptAsync(SessionPromptParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connection = RouteOf(request.SessionId);
        var client = await connection.ClientAsync(cancellationToken);
        using var watch = await connection.Relay.WatchTurnEndAsync(request.SessionId, cancellationToken);
        try
        {
            var result = await CallAsync<SessionPromptResult>(connection, client, Methods.SessionsPrompt, request, cancellationToken);
            var session = await CallAsync<Session>(connection, client, Methods.SessionsGet, new SessionIdParams { SessionId = request.SessionId }, cancellationToken);
            await connection.Relay.CatchUpAsync(request.SessionId, session.LastSeq, cancellationToken);
            return result;
        }
        catch (HostUnreachableException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Host {Host}: the connection was lost during a turn of {Session}; waiting for its end after the reconnect", connection.Name, request.SessionId);
            return await watch.Ended.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Closes the connection of a removed host (its sessions stay on the host).</summary>
    public async Task ForgetAsync(string name)
    {
        await cache.ForgetAsync(name, null, CancellationToken.None);
        if (connections.TryRemove(name, out var connection))
        {
            await connection.DisposeAsync();
            foreach (var session in connection.Relay.Sessions)
            {
                clients.PostToAll(Methods.SessionsChanged, new SessionChangedNotification { Session = session, Deleted = true });
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (creating)
        {
            disposed = true;
        }

        foreach (var connection in connections.Values)
        {
            await connection.DisposeAsync();
        }

        connections.Clear();
    }

    internal async Task<HostConnection> OpenAsync(string name, CancellationToken cancellationToken)
    {
        if (!connections.TryGetValue(name ?? string.Empty, out var connection))
        {
            var host = await store.GetAsync(name ?? string.Empty, cancellationToken)
                ?? throw new HostNotFoundException($"No host named '{name}'. 'maestro hosts list' shows the hosts there are; 'maestro hosts add NAME DESTINATION' adds one.");
            var known = await cache.LoadAsync(host.Name, cancellationToken);
            lock (creating)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                connection = connections.GetOrAdd(host.Name, _ => Create(host, known));
            }
        }

        connection.Start();
        return connection;
    }

    private HostConnection Create(HostRecord host, IReadOnlyList<Session> known)
    {
        var log = loggers.CreateLogger("Maestro.Server.Hosts.Host");
        var relay = new HostSessionRelay(host.Name, clients, (id, ct) => ClaimedElsewhereAsync(host.Name, id, ct), cache, known, log);

        // Connecting covers ssh's own ConnectTimeout, then starting the host's daemon when none runs there.
        return new HostConnection(host, ssh, options.SshConnectTimeout + TimeSpan.FromSeconds(45), relay, permissions, clients, run => Remember(host.Name, run), room => RememberRoom(host.Name, room), log);
    }

    private HostConnection? Route(string sessionId)
        => connections.Values.FirstOrDefault(c => c.Relay.Owns(sessionId));

    private HostConnection RouteOf(string sessionId)
        => Route(sessionId) ?? throw new Sessions.Errors.SessionNotFoundException(sessionId);

    private async Task<bool> ClaimedElsewhereAsync(string host, string sessionId, CancellationToken cancellationToken)
        => connections.Values.Any(c => !c.Name.Equals(host, StringComparison.OrdinalIgnoreCase) && c.Relay.Owns(sessionId))
            || await localSessions.GetAsync(sessionId, cancellationToken) is not null;

    private static async Task<T> ForwardAsync<T>(HostConnection connection, string method, object? request, CancellationToken cancellationToken)
    {
        var client = await connection.ClientAsync(cancellationToken);
        return await CallAsync<T>(connection, client, method, request, cancellationToken);
    }

    /// <summary>The host's answer as is; its errors keep their code, kind and message; a lost connection says so.</summary>
    private static async Task<T> CallAsync<T>(HostConnection connection, DaemonClient client, string method, object? request, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await client.InvokeAsync<T>(method, request, cancellationToken);
            return answer switch
            {
                Session session => (T)(object)(session with { Host = connection.Name }),
                SessionHistoryResult history => (T)(object)(history with { Events = [.. history.Events.Select(e => e with { Host = connection.Name })] }),
                Run run => (T)(object)(run with { Host = connection.Name }),
                RunTasksResult tasks => (T)(object)(tasks with { Host = connection.Name }),
                Room room => (T)(object)(room with { Host = connection.Name }),
                Protocol.Worktree worktree => (T)(object)(worktree with { Host = connection.Name }),
                WorktreeListResult worktrees => (T)(object)(worktrees with { Worktrees = [.. worktrees.Worktrees.Select(w => w with { Host = connection.Name })] }),
                _ => answer,
            };
        }
        catch (RemoteInvocationException ex)
        {
            var data = ex.DeserializedErrorData as ErrorData ?? new ErrorData { Kind = ErrorKinds.InternalError };
            throw new MaestroException(ex.ErrorCode, data.Kind, ex.Message, data, ex);
        }
        catch (Exception ex) when (ex is ConnectionLostException or ObjectDisposedException)
        {
            throw new HostUnreachableException($"The connection to host '{connection.Name}' was lost during '{method}'. Maestro reconnects by itself; the host's daemon keeps its sessions running.", ex);
        }
    }
}
