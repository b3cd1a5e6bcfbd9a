package maestro.core.protocol

import com.google.gson.JsonElement
import com.google.gson.annotations.SerializedName

enum class PermissionOptionKind {
    @SerializedName("allowOnce") ALLOW_ONCE,
    @SerializedName("allowAlways") ALLOW_ALWAYS,
    @SerializedName("rejectOnce") REJECT_ONCE,
    @SerializedName("rejectAlways") REJECT_ALWAYS,
}

data class PermissionToolCall(val id: String, val title: String, val kind: String, val input: JsonElement? = null)

data class PermissionOption(val id: String, val label: String, val kind: PermissionOptionKind)

/** `permissions/request`, sent by the server to clients that initialized with `capabilities.permissions`. */
data class PermissionRequestParams(
    val sessionId: String,
    val toolCall: PermissionToolCall,
    val options: List<PermissionOption>,
)

/** The answer to `permissions/request`: an option id, or `cancelled`. */
data class PermissionResponse(val optionId: String? = null, val cancelled: Boolean = false) {
    companion object {
        fun choose(optionId: String) = PermissionResponse(optionId = optionId)
        fun cancel() = PermissionResponse(cancelled = true)
    }
}
