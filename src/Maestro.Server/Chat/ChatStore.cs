using System.Globalization;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Storage;
using Microsoft.Data.Sqlite;

namespace Maestro.Server.Chat;

/// <summary>Rooms, participants and messages in SQLite, written through the database's single writer.</summary>
public sealed class ChatStore
{
    private const string SelectRooms = """
        SELECT id, name, cwd, moderator_agent, moderator_session, max_rounds, parallel, closed, turn_state, last_addressed, created_at
        FROM chat_rooms
        """;

    private readonly MaestroDatabase database;

    public ChatStore(MaestroDatabase database)
    {
        this.database = database;
    }

    /// <summary>Inserts or replaces the room's row.</summary>
    public Task SaveRoomAsync(ChatRoomRecord room, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = """
                INSERT INTO chat_rooms (id, name, cwd, moderator_agent, moderator_session, max_rounds, parallel, closed, turn_state, last_addressed, created_at, updated_at)
                VALUES ($id, $name, $cwd, $modAgent, $modSession, $max, $parallel, $closed, $state, $last, $created, $updated)
                ON CONFLICT(id) DO UPDATE SET
                    name = excluded.name, moderator_agent = excluded.moderator_agent, moderator_session = excluded.moderator_session,
                    max_rounds = excluded.max_rounds, parallel = excluded.parallel, closed = excluded.closed, turn_state = excluded.turn_state,
                    last_addressed = excluded.last_addressed, updated_at = excluded.updated_at;
                """;
            command.Parameters.AddWithValue("$id", room.Id);
            command.Parameters.AddWithValue("$name", room.Name);
            command.Parameters.AddWithValue("$cwd", room.Cwd);
            command.Parameters.AddWithValue("$modAgent", (object?)room.ModeratorAgent ?? DBNull.Value);
            command.Parameters.AddWithValue("$modSession", (object?)room.ModeratorSession ?? DBNull.Value);
            command.Parameters.AddWithValue("$max", room.MaxRounds);
            command.Parameters.AddWithValue("$parallel", room.Parallel ? 1 : 0);
            command.Parameters.AddWithValue("$closed", room.Closed ? 1 : 0);
            command.Parameters.AddWithValue("$state", room.TurnState);
            command.Parameters.AddWithValue("$last", (object?)room.LastAddressed ?? DBNull.Value);
            command.Parameters.AddWithValue("$created", Format(room.CreatedAt));
            command.Parameters.AddWithValue("$updated", Format(DateTimeOffset.UtcNow));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        },
        cancellationToken);

    /// <summary>Inserts or replaces a participant's row (a removed alias added again takes its row back).</summary>
    public Task SaveParticipantAsync(ChatParticipantRecord participant, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = """
                INSERT OR REPLACE INTO chat_participants (room_id, alias, ordinal, agent_id, session_id, worktree, seen_seq, removed_at, host)
                VALUES ($room, $alias, $ordinal, $agent, $session, $worktree, $seen, $removed, $host);
                """;
            command.Parameters.AddWithValue("$room", participant.RoomId);
            command.Parameters.AddWithValue("$alias", participant.Alias);
            command.Parameters.AddWithValue("$ordinal", participant.Ordinal);
            command.Parameters.AddWithValue("$agent", participant.AgentId);
            command.Parameters.AddWithValue("$session", participant.SessionId);
            command.Parameters.AddWithValue("$worktree", (object?)participant.Worktree ?? DBNull.Value);
            command.Parameters.AddWithValue("$seen", participant.SeenSeq);
            command.Parameters.AddWithValue("$removed", participant.RemovedAt is null ? DBNull.Value : Format(participant.RemovedAt.Value));
            command.Parameters.AddWithValue("$host", (object?)participant.Host ?? DBNull.Value);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        },
        cancellationToken);

    public Task InsertMessageAsync(string roomId, ChatMessage message, CancellationToken cancellationToken) => database.WriteAsync(
        async (c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = """
                INSERT INTO chat_messages (room_id, seq, id, author, text, html, mentions_json, time)
                VALUES ($room, $seq, $id, $author, $text, $html, $mentions, $time);
                """;
            command.Parameters.AddWithValue("$room", roomId);
            command.Parameters.AddWithValue("$seq", message.Seq);
            command.Parameters.AddWithValue("$id", message.Id);
            command.Parameters.AddWithValue("$author", message.Author);
            command.Parameters.AddWithValue("$text", message.Text);
            command.Parameters.AddWithValue("$html", message.Html);
            command.Parameters.AddWithValue("$mentions", JsonSerializer.Serialize(message.Mentions, ChatJsonContext.Default.IReadOnlyListString));
            command.Parameters.AddWithValue("$time", Format(message.Time));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        },
        cancellationToken);

    public Task<ChatRoomRecord?> GetRoomAsync(string id, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = SelectRooms + " WHERE id = $id;";
            command.Parameters.AddWithValue("$id", id);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadRoom(reader) : null;
        },
        cancellationToken);

    public Task<IReadOnlyList<ChatRoomRecord>> ListRoomsAsync(CancellationToken cancellationToken) => database.ReadAsync<IReadOnlyList<ChatRoomRecord>>(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = SelectRooms + " ORDER BY created_at DESC;";
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rooms = new List<ChatRoomRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rooms.Add(ReadRoom(reader));
            }

            return rooms;
        },
        cancellationToken);

    /// <summary>Every participant the room ever had, removed ones included, in the order they joined.</summary>
    public Task<IReadOnlyList<ChatParticipantRecord>> ParticipantsAsync(string roomId, CancellationToken cancellationToken) => database.ReadAsync<IReadOnlyList<ChatParticipantRecord>>(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                SELECT room_id, alias, ordinal, agent_id, session_id, worktree, seen_seq, removed_at, host
                FROM chat_participants WHERE room_id = $room ORDER BY ordinal;
                """;
            command.Parameters.AddWithValue("$room", roomId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var participants = new List<ChatParticipantRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                participants.Add(new ChatParticipantRecord
                {
                    RoomId = reader.GetString(0),
                    Alias = reader.GetString(1),
                    Ordinal = reader.GetInt32(2),
                    AgentId = reader.GetString(3),
                    SessionId = reader.GetString(4),
                    Worktree = reader.IsDBNull(5) ? null : reader.GetString(5),
                    SeenSeq = reader.GetInt64(6),
                    RemovedAt = reader.IsDBNull(7) ? null : Parse(reader.GetString(7)),
                    Host = reader.IsDBNull(8) ? null : reader.GetString(8),
                });
            }

            return participants;
        },
        cancellationToken);

    public Task<long> MaxSeqAsync(string roomId, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM chat_messages WHERE room_id = $room;";
            command.Parameters.AddWithValue("$room", roomId);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        },
        cancellationToken);

    /// <summary>Up to <paramref name="limit"/> messages after <paramref name="afterSeq"/>, and whether more follow.</summary>
    public Task<ChatHistoryResult> HistoryAsync(string roomId, long afterSeq, int limit, CancellationToken cancellationToken) => database.ReadAsync(
        async c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = """
                SELECT seq, id, author, text, html, mentions_json, time FROM chat_messages
                WHERE room_id = $room AND seq > $after ORDER BY seq LIMIT $limit;
                """;
            command.Parameters.AddWithValue("$room", roomId);
            command.Parameters.AddWithValue("$after", afterSeq);
            command.Parameters.AddWithValue("$limit", limit + 1);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var messages = new List<ChatMessage>(Math.Min(limit, 1024));
            var more = false;
            while (await reader.ReadAsync(cancellationToken))
            {
                if (messages.Count == limit)
                {
                    more = true;
                    break;
                }

                messages.Add(new ChatMessage
                {
                    Seq = reader.GetInt64(0),
                    Id = reader.GetString(1),
                    Author = reader.GetString(2),
                    Text = reader.GetString(3),
                    Html = reader.GetString(4),
                    Mentions = JsonSerializer.Deserialize(reader.GetString(5), ChatJsonContext.Default.IReadOnlyListString) ?? [],
                    Time = Parse(reader.GetString(6)),
                });
            }

            return new ChatHistoryResult { Messages = messages, HasMore = more };
        },
        cancellationToken);

    private static ChatRoomRecord ReadRoom(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Name = r.GetString(1),
        Cwd = r.GetString(2),
        ModeratorAgent = r.IsDBNull(3) ? null : r.GetString(3),
        ModeratorSession = r.IsDBNull(4) ? null : r.GetString(4),
        MaxRounds = r.GetInt32(5),
        Parallel = r.GetInt32(6) != 0,
        Closed = r.GetInt32(7) != 0,
        TurnState = r.GetString(8),
        LastAddressed = r.IsDBNull(9) ? null : r.GetString(9),
        CreatedAt = Parse(r.GetString(10)),
    };

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
