// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

data class ChatCreateParams(
    val name: String,
    val participants: List<ChatParticipant>,
    val moderator: ChatModerator? = null,
)

data class ChatHistoryParams(
    val roomId: String,
    val afterSeq: Long? = null,
)

data class ChatHistoryResult(
    val messages: List<ChatMessage>,
)

data class ChatListResult(
    val rooms: List<Room>,
)

data class ChatMessage(
    val id: String,
    val seq: Long,
    /** "user" or a participant's alias. */
    val author: String,
    val text: String,
    val html: String,
    val mentions: List<String>,
    val time: String,
)

data class ChatMessageNotification(
    val roomId: String,
    val message: ChatMessage,
)

data class ChatModerator(
    val agentId: String,
)

data class ChatParticipant(
    val agentId: String,
    /** The name used in @mentions. */
    val alias: String,
)

data class ChatPostParams(
    val roomId: String,
    val text: String,
)

data class ChatPostResult(
    val messageId: String,
)

data class Room(
    val id: String,
    val name: String,
    val participants: List<ChatParticipant>,
    val moderator: ChatModerator? = null,
    val createdAt: String,
)
