package maestro.core.protocol

data class ChatParticipant(val agentId: String, val alias: String)
data class ChatModerator(val agentId: String)
data class ChatCreateParams(val name: String, val participants: List<ChatParticipant>, val moderator: ChatModerator? = null)
data class Room(
    val id: String,
    val name: String,
    val participants: List<ChatParticipant>,
    val moderator: ChatModerator? = null,
    val createdAt: String,
)
data class ChatListResult(val rooms: List<Room>)
data class ChatPostParams(val roomId: String, val text: String)
data class ChatPostResult(val messageId: String)
data class ChatHistoryParams(val roomId: String, val afterSeq: Long? = null)
data class ChatMessage(
    val id: String,
    val seq: Long,
    val author: String,
    val text: String,
    val html: String,
    val mentions: List<String>,
    val time: String,
)
data class ChatHistoryResult(val messages: List<ChatMessage>)
data class ChatMessageNotification(val roomId: String, val message: ChatMessage)
