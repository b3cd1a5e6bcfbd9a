package maestro.core.protocol

import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.annotations.SerializedName

/**
 * The `event` of a `sessions/event` notification, discriminated by its `type` member (written by
 * [SessionEventAdapterFactory]). A type this client does not know is kept as [Unknown].
 */
sealed class SessionEvent {
    val type: String get() = typeOf(this)

    data class Prompt(val turnId: String, val text: String) : SessionEvent()

    data class MessageDelta(val text: String, val role: String? = null) : SessionEvent()

    data class Message(val text: String, val html: String, val role: String? = null) : SessionEvent()

    data class ToolCall(
        val toolCallId: String,
        val kind: String,
        val title: String,
        val input: JsonElement? = null,
        val status: ToolCallStatus? = null,
    ) : SessionEvent()

    data class ToolCallUpdate(val toolCallId: String, val status: ToolCallStatus, val output: String? = null) : SessionEvent()

    data class FileChange(val path: String, val change: FileChangeKind) : SessionEvent()

    data class Plan(val entries: List<PlanEntry>) : SessionEvent()

    data class PermissionRequest(
        val toolCall: PermissionToolCall,
        val options: List<PermissionOption>,
        val chosenOptionId: String? = null,
    ) : SessionEvent()

    data class UsageUpdate(val usage: Usage) : SessionEvent()

    data class Status(val status: SessionStatus, val turnId: String? = null, val stopReason: StopReason? = null) : SessionEvent()

    data class Error(val message: String, val detail: String? = null) : SessionEvent()

    /** An event type added to the server after this client was written; [raw] is the whole event object. */
    data class Unknown(val raw: JsonObject) : SessionEvent()

    companion object {
        val types: Map<String, Class<out SessionEvent>> = linkedMapOf(
            "prompt" to Prompt::class.java,
            "messageDelta" to MessageDelta::class.java,
            "message" to Message::class.java,
            "toolCall" to ToolCall::class.java,
            "toolCallUpdate" to ToolCallUpdate::class.java,
            "fileChange" to FileChange::class.java,
            "plan" to Plan::class.java,
            "permissionRequest" to PermissionRequest::class.java,
            "usage" to UsageUpdate::class.java,
            "status" to Status::class.java,
            "error" to Error::class.java,
        )

        fun typeOf(event: SessionEvent): String = when (event) {
            is Unknown -> event.raw.get("type")?.asString ?: "unknown"
            else -> types.entries.first { it.value == event.javaClass }.key
        }
    }
}

enum class ToolCallStatus {
    @SerializedName("pending") PENDING,
    @SerializedName("inProgress") IN_PROGRESS,
    @SerializedName("completed") COMPLETED,
    @SerializedName("failed") FAILED,
}

enum class FileChangeKind {
    @SerializedName("added") ADDED,
    @SerializedName("modified") MODIFIED,
    @SerializedName("deleted") DELETED,
}

data class PlanEntry(val content: String, val status: String, val priority: String? = null)
