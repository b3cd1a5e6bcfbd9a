// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

import com.google.gson.JsonElement
import com.google.gson.annotations.SerializedName

enum class PermissionOptionKind {
    @SerializedName("allowOnce") ALLOW_ONCE,
    @SerializedName("allowAlways") ALLOW_ALWAYS,
    @SerializedName("rejectOnce") REJECT_ONCE,
    @SerializedName("rejectAlways") REJECT_ALWAYS,
}

data class PermissionOption(
    val id: String,
    val label: String,
    val kind: PermissionOptionKind,
)

/** Sent by the server to a client that said it answers permissions. */
data class PermissionRequestParams(
    val sessionId: String,
    val toolCall: PermissionToolCall,
    val options: List<PermissionOption>,
    /** The host of the session, when the request comes from an agent on another machine. */
    val host: String? = null,
)

/** The client's answer: an option id, or cancelled. */
data class PermissionResponse(
    val optionId: String? = null,
    val cancelled: Boolean = false,
)

data class PermissionToolCall(
    val id: String,
    val title: String,
    val kind: String,
    val input: JsonElement? = null,
)
