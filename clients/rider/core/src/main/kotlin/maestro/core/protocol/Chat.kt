// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

import com.google.gson.annotations.SerializedName

enum class RoomState {
    @SerializedName("idle") IDLE,
    @SerializedName("moderating") MODERATING,
    @SerializedName("working") WORKING,
    @SerializedName("closed") CLOSED,
}

data class ChatAddParticipantParams(
    val roomId: String,
    val participant: ChatParticipantSpec,
)

data class ChatChangedNotification(
    val room: Room,
)

data class ChatCreateParams(
    val name: String,
    /** The folder the participants' sessions work in (or branch their worktrees from). */
    val cwd: String,
    val participants: List<ChatParticipantSpec>,
    val moderator: ChatModerator? = null,
    /** Agent turns one user message may lead to through hand-offs; 6 when absent. */
    val maxRounds: Int? = null,
    /** Mentioned participants answer at once instead of in the order written. */
    val parallel: Boolean? = null,
    /** Creates the room on this host (`hosts/add`): its participants' sessions run there, `cwd` is a path there. */
    val host: String? = null,
)

data class ChatHistoryParams(
    val roomId: String,
    /** Messages with a seq above this one; from the start when absent. */
    val afterSeq: Long? = null,
    val limit: Int? = null,
)

data class ChatHistoryResult(
    val messages: List<ChatMessage>,
    val hasMore: Boolean,
)

data class ChatListResult(
    val rooms: List<Room>,
)

data class ChatMessage(
    val id: String,
    /** Contiguous per room, from 1; stored before it is broadcast. */
    val seq: Long,
    /** A participant's alias, "user", "moderator" or "system". */
    val author: String,
    val text: String,
    val html: String,
    /** The participants this message addresses, in the order written ("all" expanded). */
    val mentions: List<String>,
    val time: String,
)

data class ChatMessageNotification(
    val roomId: String,
    val message: ChatMessage,
    /** The room's host, when the room is on one. */
    val host: String? = null,
)

/** The agent that decides who answers a message that mentions no one. */
data class ChatModerator(
    val agentId: String,
    /** The moderator's own session; set by the server. */
    val sessionId: String? = null,
)

/** A participant of a room: an ordinary session, openable like any other. */
data class ChatParticipant(
    /** The name used in @mentions. */
    val alias: String,
    val agentId: String,
    val sessionId: String,
    val worktree: String? = null,
    /** The host its session runs on when that is not the room's machine; its session is then one of that host's sessions. */
    val host: String? = null,
)

/** A participant to add: a new session of AgentId, or an existing session by SessionId. */
data class ChatParticipantSpec(
    /** The name used in @mentions: letters, digits, '-' and '_'; unique in the room. */
    val alias: String,
    val agentId: String? = null,
    val sessionId: String? = null,
    /** A fresh worktree on its own branch for this participant's session. */
    val worktree: WorktreeRequest? = null,
    /** Runs this participant's session on that host (`hosts/add`) while the room stays here, so one room mixes local and remote participants; absent: on this machine (or on the room's host, for a room created there). */
    val host: String? = null,
    /** The folder of this participant's session (on its host, for one on a host); the room's `cwd` when absent, or the host's default folder for one on a host. */
    val cwd: String? = null,
)

data class ChatPostParams(
    val roomId: String,
    val text: String,
)

data class ChatPostResult(
    val messageId: String,
    val seq: Long,
)

data class ChatRemoveParticipantParams(
    val roomId: String,
    val alias: String,
)

data class ChatRoomIdParams(
    val roomId: String,
)

data class Room(
    val id: String,
    val name: String,
    val cwd: String,
    /** The current participants, in the order they joined (removed ones are left out). */
    val participants: List<ChatParticipant>,
    val moderator: ChatModerator? = null,
    val maxRounds: Int,
    val parallel: Boolean,
    val state: RoomState,
    /** Aliases of the participants whose turn runs now. */
    val working: List<String>,
    /** The round of the user message being answered (0 when idle). */
    val round: Int,
    val lastSeq: Long,
    val createdAt: String,
    /** The host the room is on (`hosts/add`); absent for a room of this machine. Its requests go there. */
    val host: String? = null,
)
