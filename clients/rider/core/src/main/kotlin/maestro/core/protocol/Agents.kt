package maestro.core.protocol

import com.google.gson.annotations.SerializedName

enum class AgentKind {
    @SerializedName("native") NATIVE,
    @SerializedName("acp") ACP,
}

data class AgentInfo(
    val id: String,
    val name: String,
    val kind: AgentKind,
    val available: Boolean,
    val version: String? = null,
    val command: String,
    val reason: String? = null,
)

data class AgentsListResult(val agents: List<AgentInfo>)
