using System.Globalization;
using System.Threading.Channels;
using Maestro.Protocol;
using Maestro.Server.Agents.Markdown;
using Maestro.Server.Errors;
using Maestro.Server.Rpc;
using Maestro.Server.Sessions;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Chat;

/// <summary>
/// One open room in memory: numbers and stores its messages (stored before broadcast), and routes the user's
/// messages one at a time on a loop of its own: mentions, else the moderator, else the participant last addressed;
/// then hand-offs by mention, wave by wave, until no one is named or the round limit is reached.
/// </summary>
public sealed class RoomRuntime : IAsyncDisposable
{
    private readonly ChatStore store;
    private readonly ISessionGateway sessions;
    private readonly ConnectionRegistry clients;
    private readonly ILogger logger;
    private readonly SemaphoreSlim appending = new(1, 1);
    private readonly Channel<(ChatMessage Message, int Generation)> inbox = Channel.CreateUnbounded<(ChatMessage, int)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, CancellationTokenSource> turns = new(StringComparer.Ordinal);
    private readonly List<string> working = [];
    private readonly object gate = new();
    private readonly CancellationTokenSource closing = new();
    private readonly Task loop;
    private ChatRoomRecord room;
    private List<ChatParticipantRecord> participants;
    private CancellationTokenSource work = new();
    private RoomState state = RoomState.Idle;
    private int round;
    private int generation;
    private long lastSeq;
    private int queued; // messages waiting to be routed (the single-reader channel cannot count them)

    public RoomRuntime(ChatRoomRecord room, IReadOnlyList<ChatParticipantRecord> participants, long lastSeq, ChatStore store, ISessionGateway sessions, ConnectionRegistry clients, ILogger logger)
    {
        this.room = room;
        this.participants = participants.ToList();
        this.lastSeq = lastSeq;
        this.store = store;
        this.sessions = sessions;
        this.clients = clients;
        this.logger = logger;
        state = room.Closed ? RoomState.Closed : RoomState.Idle;
        loop = room.Closed ? Task.CompletedTask : Task.Run(RunAsync);
    }

    public string Id => room.Id;

    public bool Busy
    {
        get
        {
            lock (gate)
            {
                return state is RoomState.Moderating or RoomState.Working || Volatile.Read(ref queued) > 0;
            }
        }
    }

    public ChatRoomRecord Record
    {
        get
        {
            lock (gate)
            {
                return room;
            }
        }
    }

    public IReadOnlyList<ChatParticipantRecord> Participants
    {
        get
        {
            lock (gate)
            {
                return participants.ToList();
            }
        }
    }

    public Room Snapshot()
    {
        lock (gate)
        {
            return new Room
            {
                Id = room.Id,
                Name = room.Name,
                Cwd = room.Cwd,
                Participants = participants.Where(p => p.RemovedAt is null).Select(p => new ChatParticipant { Alias = p.Alias, AgentId = p.AgentId, SessionId = p.SessionId, Worktree = p.Worktree, Host = p.Host }).ToList(),
                Moderator = room.ModeratorAgent is null ? null : new ChatModerator { AgentId = room.ModeratorAgent, SessionId = room.ModeratorSession },
                MaxRounds = room.MaxRounds,
                Parallel = room.Parallel,
                State = state,
                Working = working.ToList(),
                Round = round,
                LastSeq = lastSeq,
                CreatedAt = room.CreatedAt,
            };
        }
    }

    /// <summary>Stores the user's message and queues it for routing. Mentions of aliases the room does not have are refused first.</summary>
    public async Task<ChatMessage> PostAsync(string text, CancellationToken cancellationToken)
    {
        var present = Participants;
        var resolution = MentionResolution.Resolve(text, present);
        if (resolution.Unknown.Count > 0 || resolution.Removed.Count > 0)
        {
            var names = resolution.Unknown.Concat(resolution.Removed).Select(a => "@" + a);
            throw new InvalidParamsException($"This room has no participant {string.Join(", ", names)}; its participants are {Aliases(present)}. Nothing was posted.");
        }

        int posted;
        lock (gate)
        {
            posted = generation;
        }

        var message = await AppendAsync("user", text, resolution.Targets, cancellationToken);
        lock (gate)
        {
            // Busy from the moment the message is accepted, so a client that waits for idle cannot see the gap before routing starts.
            if (state == RoomState.Idle)
            {
                state = RoomState.Working;
            }
        }

        Interlocked.Increment(ref queued);
        inbox.Writer.TryWrite((message, posted));
        Changed();
        return message;
    }

    /// <summary>Stops the running turns and drops the messages still waiting to be routed.</summary>
    public async Task CancelAsync()
    {
        CancellationTokenSource cancelled;
        bool wasBusy;
        lock (gate)
        {
            generation++;
            cancelled = work;
            work = new CancellationTokenSource();
            wasBusy = state is RoomState.Moderating or RoomState.Working || Volatile.Read(ref queued) > 0;
        }

        await cancelled.CancelAsync();
        if (wasBusy)
        {
            await AppendAsync("system", "Cancelled by the user: the running turns were stopped and nothing more is routed until the next message.", [], CancellationToken.None);
        }
    }

    public async Task<Room> AddParticipantAsync(ChatParticipantRecord participant)
    {
        lock (gate)
        {
            participants.RemoveAll(p => p.Alias == participant.Alias);
            participants.Add(participant);
        }

        await store.SaveParticipantAsync(participant, CancellationToken.None);
        await AppendAsync("system", $"@{participant.Alias} ({participant.AgentId}) joined the room.", [], CancellationToken.None);
        Changed();
        return Snapshot();
    }

    /// <summary>Removes the participant for good: its running turn is cancelled and no reply can bring it back.</summary>
    public async Task<Room> RemoveParticipantAsync(string alias)
    {
        ChatParticipantRecord removed;
        CancellationTokenSource? turn;
        lock (gate)
        {
            var index = participants.FindIndex(p => p.RemovedAt is null && string.Equals(p.Alias, alias, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new InvalidParamsException($"This room has no participant @{alias}; its participants are {Aliases(participants.Where(p => p.RemovedAt is null).ToList())}.");
            }

            removed = participants[index] with { RemovedAt = DateTimeOffset.UtcNow };
            participants[index] = removed;
            turns.TryGetValue(removed.Alias, out turn);
        }

        await store.SaveParticipantAsync(removed, CancellationToken.None);
        if (turn is not null)
        {
            await turn.CancelAsync();
        }

        await AppendAsync("system", $"@{removed.Alias} was removed from the room" + (turn is null ? "." : "; its running turn was cancelled."), [], CancellationToken.None);
        Changed();
        return Snapshot();
    }

    public async Task CloseAsync()
    {
        await CancelAsync();
        await closing.CancelAsync();
        inbox.Writer.TryComplete();
        await loop;
        lock (gate)
        {
            room = room with { Closed = true, TurnState = "idle" };
            state = RoomState.Closed;
            working.Clear();
            round = 0;
        }

        await store.SaveRoomAsync(Record, CancellationToken.None);
        Changed();
    }

    /// <summary>Stores the message with the room's next seq, then broadcasts it.</summary>
    public async Task<ChatMessage> AppendAsync(string author, string text, IReadOnlyList<string> mentions, CancellationToken cancellationToken)
    {
        await appending.WaitAsync(cancellationToken);
        try
        {
            var message = new ChatMessage
            {
                Id = "m_" + Guid.NewGuid().ToString("N")[..12],
                Seq = lastSeq + 1,
                Author = author,
                Text = text,
                Html = MarkdownRenderer.ToSafeHtml(text),
                Mentions = mentions,
                Time = DateTimeOffset.UtcNow,
            };
            await store.InsertMessageAsync(room.Id, message, cancellationToken);
            lock (gate)
            {
                lastSeq = message.Seq;
            }

            clients.PostToAll(Methods.ChatMessage, new ChatMessageNotification { RoomId = room.Id, Message = message });
            MessageAppended?.Invoke(this, message);
            return message;
        }
        finally
        {
            appending.Release();
        }
    }

    /// <summary>Raised in-process after a message is stored and broadcast (the CLI and tests listen).</summary>
    public event EventHandler<ChatMessage>? MessageAppended;

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        inbox.Writer.TryComplete();
        CancellationTokenSource current;
        lock (gate)
        {
            current = work;
        }

        await current.CancelAsync();
        await loop;
        closing.Dispose();
    }

    private async Task RunAsync()
    {
        await foreach (var (message, posted) in inbox.Reader.ReadAllAsync())
        {
            Interlocked.Decrement(ref queued);
            CancellationToken token;
            lock (gate)
            {
                if (posted != generation)
                {
                    continue; // cancelled while it waited
                }

                token = work.Token;
            }

            try
            {
                await SetTurnStateAsync("working");
                await AnswerAsync(message, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Room {Room} failed to route message {Seq}", room.Id, message.Seq);
                await TryAppendAsync("system", $"Maestro could not finish answering this message: {ex.Message}");
            }
            finally
            {
                // Whatever ended the work, the room is idle again: never left 'working'.
                lock (gate)
                {
                    state = Volatile.Read(ref queued) > 0 && !closing.IsCancellationRequested ? RoomState.Working : RoomState.Idle;
                    working.Clear();
                    turns.Clear();
                    round = 0;
                }

                // A daemon stopping under the turn leaves turn_state 'working', as a crash would: the next start marks
                // the interrupted turn in the room (ChatRecovery), one path for both.
                if (!(closing.IsCancellationRequested && !Record.Closed))
                {
                    await SetTurnStateAsync("idle");
                }

                Changed();
            }
        }
    }

    private async Task AnswerAsync(ChatMessage message, CancellationToken token)
    {
        IReadOnlyList<string> wave = message.Mentions;
        if (wave.Count == 0)
        {
            wave = await WhoAnswersAsync(token);
        }

        var limitReported = false;
        for (var r = 1; wave.Count > 0; r++)
        {
            token.ThrowIfCancellationRequested();
            if (r > room.MaxRounds)
            {
                if (!limitReported)
                {
                    limitReported = true;
                    await AppendAsync("system", string.Create(CultureInfo.InvariantCulture, $"Round limit reached ({room.MaxRounds} rounds for one message): the hand-off to {string.Join(", ", wave.Select(a => "@" + a))} was not sent. Post a message to go on."), [], CancellationToken.None);
                }

                break;
            }

            lock (gate)
            {
                round = r;
                room = room with { LastAddressed = wave[^1] };
            }

            var replies = room.Parallel
                ? await Task.WhenAll(wave.Select(a => TakeTurnAsync(a, token)))
                : await SequentialAsync(wave, token);
            wave = replies.Where(m => m is not null).SelectMany(m => m!.Mentions).Distinct(StringComparer.Ordinal).ToList();
        }
    }

    private async Task<ChatMessage?[]> SequentialAsync(IReadOnlyList<string> wave, CancellationToken token)
    {
        var replies = new ChatMessage?[wave.Count];
        for (var i = 0; i < wave.Count; i++)
        {
            token.ThrowIfCancellationRequested();
            replies[i] = await TakeTurnAsync(wave[i], token);
        }

        return replies;
    }

    /// <summary>The moderator's choice, asked once more with the routing rule when its reply names no one; else the last addressed.</summary>
    private async Task<IReadOnlyList<string>> WhoAnswersAsync(CancellationToken token)
    {
        var present = Participants.Where(p => p.RemovedAt is null).ToList();
        if (room.ModeratorSession is { } moderator)
        {
            SetState(RoomState.Moderating);
            var recent = await RecentAsync(20);
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var reply = await PromptAsync(null, moderator, ChatPrompts.ForModerator(room, present, recent, retry: attempt > 0), token);
                if (reply.Cancelled)
                {
                    return [];
                }

                var resolution = MentionResolution.Resolve(reply.Text, Participants);
                await AppendAsync("moderator", reply.Text.Length == 0 ? "(no reply)" : reply.Text, resolution.Targets, CancellationToken.None);
                await ReportStrayMentionsAsync(resolution);
                if (resolution.Targets.Count > 0)
                {
                    return resolution.Targets;
                }
            }

            await AppendAsync("system", $"The moderator named no participant twice, so nobody was asked. Mention who should answer: {Aliases(present)} or @all.", [], CancellationToken.None);
            return [];
        }

        var last = room.LastAddressed;
        if (last is not null && present.Any(p => p.Alias == last))
        {
            return [last];
        }

        if (present.Count == 1)
        {
            return [present[0].Alias];
        }

        await AppendAsync("system", $"No one was mentioned and the room has no moderator: mention who should answer, {Aliases(present)} or @all.", [], CancellationToken.None);
        return [];
    }

    /// <summary>One participant's turn: its prompt carries what it missed; its reply is posted with the mentions it hands on to.</summary>
    private async Task<ChatMessage?> TakeTurnAsync(string alias, CancellationToken token)
    {
        ChatParticipantRecord? participant;
        lock (gate)
        {
            participant = participants.FirstOrDefault(p => p.Alias == alias && p.RemovedAt is null);
        }

        if (participant is null)
        {
            return null; // removed while its turn waited; the removal was already told in the room
        }

        var since = await SinceAsync(participant.SeenSeq, alias);
        var seenBefore = participant.SeenSeq;
        var seen = lastSeq;
        participant = participant with { SeenSeq = seen };
        lock (gate)
        {
            var index = participants.FindIndex(p => p.Alias == alias);
            if (index >= 0 && participants[index].RemovedAt is null)
            {
                participants[index] = participant;
            }
        }

        await store.SaveParticipantAsync(participant, CancellationToken.None);

        using var turn = CancellationTokenSource.CreateLinkedTokenSource(token);
        lock (gate)
        {
            if (participants.Any(p => p.Alias == alias && p.RemovedAt is not null))
            {
                return null;
            }

            turns[alias] = turn;
            working.Add(alias);
            state = RoomState.Working;
        }

        Changed();
        TurnReply reply;
        try
        {
            reply = await PromptAsync(participant.Host, participant.SessionId, ChatPrompts.ForParticipant(room, alias, Participants.Where(p => p.RemovedAt is null).ToList(), since), turn.Token);
        }
        finally
        {
            lock (gate)
            {
                turns.Remove(alias);
                working.Remove(alias);
            }

            Changed();
        }

        bool removed;
        lock (gate)
        {
            removed = participants.Any(p => p.Alias == alias && p.RemovedAt is not null);
        }

        if (removed || reply.Cancelled)
        {
            return null; // a removed participant's late words are not posted, so its mentions cannot hand anything on
        }

        if (reply.NotStarted is { } why)
        {
            // Nothing is lost: the messages this turn was to carry are carried by the participant's next one.
            await RewindSeenAsync(alias, seen, seenBefore);
            await AppendAsync("system", participant.Host is { } host
                ? $"@{alias}'s turn could not run on host '{host}': {why} The room goes on without it; its next turn carries what it missed."
                : $"@{alias}'s turn could not start: {why}", [], CancellationToken.None);
            return null;
        }

        if (reply.Text.Length == 0)
        {
            await AppendAsync("system", reply.Failed
                ? $"@{alias}'s turn ended with an error; its session ({participant.SessionId}) says why."
                : $"@{alias} ended its turn without a reply.", [], CancellationToken.None);
            return null;
        }

        var resolution = MentionResolution.Resolve(reply.Text, Participants, alias);
        var message = await AppendAsync(alias, reply.Text, resolution.Targets, CancellationToken.None);
        await ReportStrayMentionsAsync(resolution);
        return message;
    }

    /// <summary>Mentions of aliases the room does not have, or no longer has, are said in the room, not dropped.</summary>
    private async Task ReportStrayMentionsAsync(MentionResolution resolution)
    {
        if (resolution.Unknown.Count > 0)
        {
            await AppendAsync("system", $"No participant {string.Join(", ", resolution.Unknown.Select(a => "@" + a))} in this room, so that mention reached no one. Participants: {Aliases(Participants.Where(p => p.RemovedAt is null).ToList())}.", [], CancellationToken.None);
        }

        if (resolution.Removed.Count > 0)
        {
            await AppendAsync("system", $"{string.Join(", ", resolution.Removed.Select(a => "@" + a))} left the room; the mention was not sent.", [], CancellationToken.None);
        }
    }

    /// <summary>A participant's put back to where it was before a turn that never ran, unless something moved it since.</summary>
    private async Task RewindSeenAsync(string alias, long seen, long before)
    {
        ChatParticipantRecord? rewound = null;
        lock (gate)
        {
            var index = participants.FindIndex(p => p.Alias == alias);
            if (index >= 0 && participants[index].RemovedAt is null && participants[index].SeenSeq == seen)
            {
                rewound = participants[index] with { SeenSeq = before };
                participants[index] = rewound;
            }
        }

        if (rewound is not null)
        {
            await store.SaveParticipantAsync(rewound, CancellationToken.None);
        }
    }

    /// <param name="host">The host the session runs on; null for this machine.</param>
    private async Task<TurnReply> PromptAsync(string? host, string sessionId, string prompt, CancellationToken token)
    {
        long before;
        SessionPromptResult result;
        try
        {
            before = (await sessions.GetAsync(host, sessionId, token)).LastSeq;
            result = await sessions.PromptAsync(host, sessionId, prompt, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return new TurnReply(string.Empty, Cancelled: true, Failed: false);
        }
        catch (MaestroException ex)
        {
            logger.LogWarning("A turn of session {Session} (host {Host}) in room {Room} could not start: {Message}", sessionId, host ?? "local", room.Id, ex.Message);
            return new TurnReply(string.Empty, Cancelled: false, Failed: true, NotStarted: ex.Message);
        }

        if (result.StopReason == StopReason.Cancelled || token.IsCancellationRequested)
        {
            return new TurnReply(string.Empty, Cancelled: true, Failed: false);
        }

        var texts = new List<string>();
        var after = before;
        var inTurn = false;
        while (true)
        {
            var page = await sessions.HistoryAsync(host, sessionId, after, SessionService.MaxHistoryLimit, CancellationToken.None);
            foreach (var e in page.Events)
            {
                if (e.Event is PromptEvent p)
                {
                    inTurn = p.TurnId == result.TurnId;
                }
                else if (inTurn && e.Event is MessageEvent { Role: "assistant" } m && m.Text.Trim().Length > 0)
                {
                    texts.Add(m.Text.Trim());
                }
            }

            if (!page.HasMore || page.Events.Count == 0)
            {
                break;
            }

            after = page.Events[^1].Seq;
        }

        return new TurnReply(string.Join("\n\n", texts), Cancelled: false, Failed: result.StopReason == StopReason.Error);
    }

    private async Task<IReadOnlyList<ChatMessage>> SinceAsync(long seenSeq, string alias)
    {
        var from = Math.Max(seenSeq, lastSeq - ChatLimits.MaxContextMessages * 4);
        var page = await store.HistoryAsync(room.Id, from, ChatLimits.MaxHistoryLimit, CancellationToken.None);
        return page.Messages.Where(m => m.Author != alias).ToList();
    }

    private async Task<IReadOnlyList<ChatMessage>> RecentAsync(int count)
    {
        var page = await store.HistoryAsync(room.Id, Math.Max(0, lastSeq - count), count, CancellationToken.None);
        return page.Messages;
    }

    private async Task SetTurnStateAsync(string turnState)
    {
        lock (gate)
        {
            room = room with { TurnState = turnState };
        }

        await store.SaveRoomAsync(Record, CancellationToken.None);
    }

    private void SetState(RoomState next)
    {
        lock (gate)
        {
            state = next;
        }

        Changed();
    }

    private async Task TryAppendAsync(string author, string text)
    {
        try
        {
            await AppendAsync(author, text, [], CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Room {Room} could not store a system message", room.Id);
        }
    }

    private void Changed() => clients.PostToAll(Methods.ChatChanged, new ChatChangedNotification { Room = Snapshot() });

    private static string Aliases(IReadOnlyList<ChatParticipantRecord> present) => string.Join(", ", present.Select(p => "@" + p.Alias));
}
