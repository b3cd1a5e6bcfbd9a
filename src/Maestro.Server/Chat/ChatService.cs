using System.Collections.Concurrent;
using Maestro.Protocol;
using Maestro.Server.Agents;
using Maestro.Server.Agents.Errors;
using Maestro.Server.Agents.Running;
using Maestro.Server.Chat.Errors;
using Maestro.Server.Daemon;
using Maestro.Server.Errors;
using Maestro.Server.Hosts;
using Maestro.Server.Hosts.Errors;
using Maestro.Server.Rpc;
using Maestro.Server.Sessions;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Chat;

/// <summary>
/// Group chat rooms: created with their participants' sessions, listed, paged, posted to, cancelled, closed. A room
/// lives in SQLite; while open it also has a <see cref="RoomRuntime"/> in memory, loaded on demand after a restart.
/// A participant may run on a host (<see cref="ChatParticipantSpec.Host"/>): the room stays here, and its session is
/// created, prompted and read there through <see cref="ISessionGateway"/>.
/// </summary>
public sealed class ChatService : IAsyncDisposable, IBackgroundWork
{
    private readonly ChatStore store;
    private readonly ISessionGateway sessions;
    private readonly HostStore hosts;
    private readonly AgentCatalog catalog;
    private readonly AgentAdapterFactory adapters;
    private readonly ConnectionRegistry clients;
    private readonly ILogger<ChatService> logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<RoomRuntime>>> rooms = new(StringComparer.Ordinal);

    public ChatService(ChatStore store, ISessionGateway sessions, HostStore hosts, AgentCatalog catalog, AgentAdapterFactory adapters, ConnectionRegistry clients, ILogger<ChatService> logger)
    {
        this.store = store;
        this.sessions = sessions;
        this.hosts = hosts;
        this.catalog = catalog;
        this.adapters = adapters;
        this.clients = clients;
        this.logger = logger;
    }

    /// <summary>A room answering a message keeps the daemon up with no client attached.</summary>
    public bool HasWork => rooms.Values.Any(r => r.IsValueCreated && r.Value.IsCompletedSuccessfully && r.Value.Result.Busy);

    /// <summary>Checks everything first (name, folder, aliases, agents), then creates one session per participant.</summary>
    public async Task<Room> CreateAsync(ChatCreateParams request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new InvalidParamsException("The room's name is empty.");
        }

        var cwd = Path.GetFullPath(request.Cwd);
        if (!Directory.Exists(cwd))
        {
            throw new InvalidParamsException($"The folder '{request.Cwd}' does not exist.");
        }

        if (request.Participants is null || request.Participants.Count == 0)
        {
            throw new InvalidParamsException("A room needs at least one participant.");
        }

        if (request.Participants.Count > ChatLimits.MaxParticipants)
        {
            throw new InvalidParamsException($"A room holds at most {ChatLimits.MaxParticipants} participants.");
        }

        if (request.MaxRounds is < 1 or > ChatLimits.MaxMaxRounds)
        {
            throw new InvalidParamsException($"maxRounds must be between 1 and {ChatLimits.MaxMaxRounds}.");
        }

        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in request.Participants)
        {
            await CheckSpecAsync(spec, taken, cancellationToken);
        }

        if (request.Moderator is { } moderator)
        {
            CheckAgent(moderator.AgentId);
        }

        var id = "c_" + Guid.NewGuid().ToString("N")[..12];
        var name = request.Name.Trim();
        var participants = new List<ChatParticipantRecord>();
        foreach (var spec in request.Participants)
        {
            participants.Add(await NewParticipantAsync(id, name, cwd, spec, participants.Count, cancellationToken));
        }

        string? moderatorSession = null;
        if (request.Moderator is { } m)
        {
            moderatorSession = (await sessions.CreateAsync(null, new SessionCreateParams { AgentId = m.AgentId, Cwd = cwd, Name = $"{name} · moderator" }, cancellationToken)).Id;
        }

        var record = new ChatRoomRecord
        {
            Id = id,
            Name = name,
            Cwd = cwd,
            ModeratorAgent = request.Moderator?.AgentId,
            ModeratorSession = moderatorSession,
            MaxRounds = request.MaxRounds ?? ChatLimits.DefaultMaxRounds,
            Parallel = request.Parallel ?? false,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await store.SaveRoomAsync(record, CancellationToken.None);
        foreach (var p in participants)
        {
            await store.SaveParticipantAsync(p, CancellationToken.None);
        }

        var runtime = NewRuntime(record, participants, 0);
        rooms[id] = new Lazy<Task<RoomRuntime>>(Task.FromResult(runtime));
        logger.LogInformation("Chat room {Room} created with {Count} participants in {Cwd}", id, participants.Count, cwd);
        var room = runtime.Snapshot();
        clients.PostToAll(Methods.ChatChanged, new ChatChangedNotification { Room = room });
        return room;
    }

    public async Task<IReadOnlyList<Room>> ListAsync(CancellationToken cancellationToken)
    {
        var records = await store.ListRoomsAsync(cancellationToken);
        var list = new List<Room>(records.Count);
        foreach (var record in records)
        {
            list.Add((await RuntimeAsync(record.Id, cancellationToken)).Snapshot());
        }

        return list;
    }

    public async Task<Room> GetAsync(string roomId, CancellationToken cancellationToken)
        => (await RuntimeAsync(roomId, cancellationToken)).Snapshot();

    public async Task<ChatHistoryResult> HistoryAsync(string roomId, long? afterSeq, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > ChatLimits.MaxHistoryLimit)
        {
            throw new InvalidParamsException($"limit must be between 1 and {ChatLimits.MaxHistoryLimit}.");
        }

        if (!rooms.ContainsKey(roomId) && await store.GetRoomAsync(roomId, cancellationToken) is null)
        {
            throw new RoomNotFoundException(roomId);
        }

        return await store.HistoryAsync(roomId, Math.Max(0, afterSeq ?? 0), limit ?? ChatLimits.DefaultHistoryLimit, cancellationToken);
    }

    public async Task<ChatMessage> PostAsync(string roomId, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidParamsException("The message is empty.");
        }

        if (text.Length > ChatLimits.MaxMessageChars)
        {
            throw new InvalidParamsException($"The message is too long: {text.Length} characters; a chat message has at most {ChatLimits.MaxMessageChars}. Nothing was posted; put long material in a file and mention its path.");
        }

        var runtime = await OpenRuntimeAsync(roomId, cancellationToken);
        return await runtime.PostAsync(text.Trim(), cancellationToken);
    }

    public async Task CancelAsync(string roomId, CancellationToken cancellationToken)
        => await (await OpenRuntimeAsync(roomId, cancellationToken)).CancelAsync();

    public async Task<Room> AddParticipantAsync(string roomId, ChatParticipantSpec spec, CancellationToken cancellationToken)
    {
        var runtime = await OpenRuntimeAsync(roomId, cancellationToken);
        var present = runtime.Participants.Where(p => p.RemovedAt is null).ToList();
        if (present.Count >= ChatLimits.MaxParticipants)
        {
            throw new InvalidParamsException($"A room holds at most {ChatLimits.MaxParticipants} participants.");
        }

        var taken = new HashSet<string>(present.Select(p => p.Alias), StringComparer.OrdinalIgnoreCase);
        await CheckSpecAsync(spec, taken, cancellationToken);
        var record = runtime.Record;
        var ordinal = runtime.Participants.Count == 0 ? 0 : runtime.Participants.Max(p => p.Ordinal) + 1;
        var participant = await NewParticipantAsync(record.Id, record.Name, record.Cwd, spec, ordinal, cancellationToken);
        return await runtime.AddParticipantAsync(participant);
    }

    public async Task<Room> RemoveParticipantAsync(string roomId, string alias, CancellationToken cancellationToken)
        => await (await OpenRuntimeAsync(roomId, cancellationToken)).RemoveParticipantAsync(alias ?? string.Empty);

    public async Task CloseAsync(string roomId, CancellationToken cancellationToken)
    {
        var runtime = await RuntimeAsync(roomId, cancellationToken);
        if (!runtime.Record.Closed)
        {
            await runtime.CloseAsync();
        }
    }

    /// <summary>The room's in-memory runtime, for in-process listeners (the CLI's post, tests).</summary>
    public Task<RoomRuntime> RoomAsync(string roomId, CancellationToken cancellationToken) => RuntimeAsync(roomId, cancellationToken);

    /// <summary>
    /// Rooms a previous server left 'working': loading each says the interrupted turn in the room and makes it idle
    /// (<see cref="LoadAsync"/>), so nobody has to open the room first.
    /// </summary>
    public async Task RecoverInterruptedAsync(CancellationToken cancellationToken)
    {
        foreach (var record in await store.ListRoomsAsync(cancellationToken))
        {
            if (!record.Closed && record.TurnState != "idle")
            {
                await RuntimeAsync(record.Id, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var room in rooms.Values)
        {
            if (room.IsValueCreated && room.Value.IsCompletedSuccessfully)
            {
                await room.Value.Result.DisposeAsync();
            }
        }

        rooms.Clear();
    }

    private async Task CheckSpecAsync(ChatParticipantSpec spec, HashSet<string> taken, CancellationToken cancellationToken)
    {
        var alias = spec.Alias?.Trim() ?? string.Empty;
        if (!Mentions.IsValidAlias(alias))
        {
            throw new InvalidParamsException($"'{spec.Alias}' cannot be an alias: use 1 to 32 letters, digits, '-' or '_' (not {string.Join(", ", Mentions.Reserved)}).");
        }

        if (!taken.Add(alias))
        {
            throw new InvalidParamsException($"The alias @{alias} is used twice; each participant needs its own.");
        }

        if (spec.Host is { } host)
        {
            // The host's daemon checks the agent and the folder when it creates the session.
            _ = await hosts.GetAsync(host, cancellationToken)
                ?? throw new HostNotFoundException($"Participant @{alias} names no known host '{host}'. 'maestro hosts list' shows the hosts there are; 'maestro hosts add NAME DESTINATION' adds one.");
        }
        else if (spec.Cwd is { } folder && !Directory.Exists(folder))
        {
            throw new InvalidParamsException($"The folder '{folder}' of participant @{alias} does not exist.");
        }

        if (spec.SessionId is { } sessionId)
        {
            _ = await sessions.GetAsync(spec.Host, sessionId, cancellationToken);
        }
        else if (spec.AgentId is { } agentId)
        {
            if (spec.Host is null)
            {
                CheckAgent(agentId);
            }
        }
        else
        {
            throw new InvalidParamsException($"Participant @{alias} needs an agentId (a new session) or a sessionId (an existing one).");
        }
    }

    private void CheckAgent(string agentId)
    {
        _ = catalog.Find(agentId) ?? throw new AgentUnavailableException($"There is no agent '{agentId}'. 'agents/list' shows the known agents.");
        adapters.Create(agentId); // names what is missing before any session is created
    }

    private async Task<ChatParticipantRecord> NewParticipantAsync(string roomId, string roomName, string cwd, ChatParticipantSpec spec, int ordinal, CancellationToken cancellationToken)
    {
        var alias = spec.Alias.Trim();
        var host = spec.Host is { } named ? await hosts.GetAsync(named, cancellationToken) : null;
        var folder = spec.Cwd ?? host?.Folder ?? cwd;
        var session = spec.SessionId is { } existing
            ? await sessions.GetAsync(host?.Name, existing, cancellationToken)
            : await sessions.CreateAsync(host?.Name, new SessionCreateParams { AgentId = spec.AgentId!, Cwd = folder, Name = $"{roomName} · @{alias}", Worktree = spec.Worktree }, cancellationToken);
        return new ChatParticipantRecord
        {
            Host = host?.Name,
            RoomId = roomId,
            Alias = alias,
            Ordinal = ordinal,
            AgentId = session.AgentId,
            SessionId = session.Id,
            Worktree = session.Worktree,
            SeenSeq = 0,
        };
    }

    private async Task<RoomRuntime> OpenRuntimeAsync(string roomId, CancellationToken cancellationToken)
    {
        var runtime = await RuntimeAsync(roomId, cancellationToken);
        return runtime.Record.Closed ? throw new RoomClosedException(roomId) : runtime;
    }

    private async Task<RoomRuntime> RuntimeAsync(string roomId, CancellationToken cancellationToken)
    {
        var lazy = rooms.GetOrAdd(roomId, id => new Lazy<Task<RoomRuntime>>(() => LoadAsync(id)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            rooms.TryRemove(new KeyValuePair<string, Lazy<Task<RoomRuntime>>>(roomId, lazy));
            throw;
        }
    }

    /// <summary>
    /// A room made by an earlier server, loaded once per process. One it left 'working' was cut by its stop: that is
    /// said in the room here, before anyone reads it, whether the start-up recovery or a client opens it first.
    /// </summary>
    private async Task<RoomRuntime> LoadAsync(string roomId)
    {
        var record = await store.GetRoomAsync(roomId, CancellationToken.None) ?? throw new RoomNotFoundException(roomId);
        var participants = await store.ParticipantsAsync(roomId, CancellationToken.None);
        var lastSeq = await store.MaxSeqAsync(roomId, CancellationToken.None);
        var runtime = NewRuntime(record, participants, lastSeq);
        if (!record.Closed && record.TurnState != "idle")
        {
            await runtime.AppendAsync("system", "Maestro stopped while this room was answering a message; that turn was interrupted. Post again to go on.", [], CancellationToken.None);
            await store.SaveRoomAsync(runtime.Record with { TurnState = "idle" }, CancellationToken.None);
            logger.LogWarning("Chat room {Room} was interrupted by a restart", roomId);
        }

        return runtime;
    }

    private RoomRuntime NewRuntime(ChatRoomRecord record, IReadOnlyList<ChatParticipantRecord> participants, long lastSeq)
        => new(record, participants, lastSeq, store, sessions, clients, logger);
}
