// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

import com.google.gson.JsonElement
import com.google.gson.JsonObject
import com.google.gson.annotations.SerializedName

enum class FileChangeKind {
    @SerializedName("added") ADDED,
    @SerializedName("modified") MODIFIED,
    @SerializedName("deleted") DELETED,
}

enum class OutageClass {
    @SerializedName("availability") AVAILABILITY,
    @SerializedName("quota") QUOTA,
}

enum class OutageState {
    @SerializedName("waiting") WAITING,
    @SerializedName("recovered") RECOVERED,
    @SerializedName("stopped") STOPPED,
}

enum class ToolCallStatus {
    @SerializedName("pending") PENDING,
    @SerializedName("inProgress") IN_PROGRESS,
    @SerializedName("completed") COMPLETED,
    @SerializedName("failed") FAILED,
}

data class PlanEntry(
    val content: String,
    /** "pending", "inProgress" or "completed". */
    val status: String,
    val priority: String? = null,
)

/**
 * The normalized event every agent adapter produces; `type` names the case.
 * Read and written by its `type` member (SessionEventAdapterFactory); a type this client does not know is kept
 * as [Unknown].
 */
sealed class SessionEvent {
    val type: String get() = typeOf(this)

    /** The user's prompt that starts a turn. */
    data class Prompt(
        val turnId: String,
        val text: String,
    ) : SessionEvent()

    /** A streamed piece of an agent message; the final MessageEvent carries the whole text. */
    data class MessageDelta(
        val text: String,
        /** "assistant" or "thought". */
        val role: String = "assistant",
    ) : SessionEvent()

    data class Message(
        val text: String,
        /** The markdown rendered to sanitized HTML by the server. */
        val html: String,
        val role: String = "assistant",
    ) : SessionEvent()

    data class ToolCall(
        val toolCallId: String,
        /** "read", "edit", "delete", "move", "search", "execute", "think", "fetch" or "other". */
        val kind: String,
        val title: String,
        val input: JsonElement? = null,
        val status: ToolCallStatus = ToolCallStatus.PENDING,
    ) : SessionEvent()

    data class ToolCallUpdate(
        val toolCallId: String,
        val status: ToolCallStatus,
        val output: String? = null,
        /** True when the session's permission mode refused the call, so it never ran (Status is then `failed`): a headless run names these in its failure reason, with how to allow them. */
        val refused: Boolean? = null,
    ) : SessionEvent()

    data class FileChange(
        val path: String,
        val change: FileChangeKind,
    ) : SessionEvent()

    data class Plan(
        val entries: List<PlanEntry>,
    ) : SessionEvent()

    /** Recorded in the transcript when an agent asks for permission, with the answer once given. */
    data class PermissionRequest(
        val toolCall: PermissionToolCall,
        val options: List<PermissionOption>,
        val chosenOptionId: String? = null,
    ) : SessionEvent()

    data class UsageUpdate(
        val usage: Usage,
    ) : SessionEvent()

    data class Status(
        val status: SessionStatus,
        val turnId: String? = null,
        val stopReason: StopReason? = null,
    ) : SessionEvent()

    data class Error(
        val message: String,
        /** The tail of the agent's stderr or other detail, secrets removed. */
        val detail: String? = null,
    ) : SessionEvent()

    /** One provider outage a turn ran into. It is stored once and then revised in place: every update of the same OutageId is sent again under the seq of the first (clients replace the event they hold at that seq), so a night of retries is one card, not a wall of errors. */
    data class Outage(
        val outageId: String,
        /** The turn whose prompt is being resent. */
        val turnId: String,
        val `class`: OutageClass,
        val state: OutageState,
        /** How many times the prompt was sent and failed this way so far (the first send counts). */
        val attempts: Int,
        /** When the first failure of the outage was seen. */
        val since: String,
        /** When the prompt is resent next; null once the outage is closed. */
        val nextAt: String? = null,
        /** The moment the provider said its limit resets, when it named one. */
        val resetAt: String? = null,
        /** What the agent said about the failure (its last error), secrets removed. */
        val reason: String,
        /** When the outage closed (recovered or stopped): with Since, the downtime it covered. */
        val endedAt: String? = null,
        /** Why the outage was stopped (state `stopped`). */
        val stoppedBecause: String? = null,
        /** When the outage lasted long enough for the agent's failover: what the prompt was resent to from then on (a model, a backup endpoint's variable names). Null when it was not failed over. */
        val failedOverTo: String? = null,
        /** When the prompt first went to the backup. */
        val failedOverAt: String? = null,
    ) : SessionEvent()

    /** An event type added to the server after this client was written; [raw] is the whole event object. */
    data class Unknown(val raw: JsonObject) : SessionEvent()

    companion object {
        /** The case of each `type`, in the order of the C# [JsonDerivedType] list. */
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
            "outage" to Outage::class.java,
        )

        fun typeOf(event: SessionEvent): String = when (event) {
            is Unknown -> event.raw.get("type")?.asString ?: "unknown"
            is Prompt -> "prompt"
            is MessageDelta -> "messageDelta"
            is Message -> "message"
            is ToolCall -> "toolCall"
            is ToolCallUpdate -> "toolCallUpdate"
            is FileChange -> "fileChange"
            is Plan -> "plan"
            is PermissionRequest -> "permissionRequest"
            is UsageUpdate -> "usage"
            is Status -> "status"
            is Error -> "error"
            is Outage -> "outage"
        }
    }
}
