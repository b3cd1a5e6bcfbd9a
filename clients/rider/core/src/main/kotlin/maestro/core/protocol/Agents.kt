// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

import com.google.gson.annotations.SerializedName

enum class AgentKind {
    @SerializedName("native") NATIVE,
    @SerializedName("acp") ACP,
}

data class AgentInfo(
    /** "claude-code", "codex", "opencode", "gemini", or "acp:<name>". */
    val id: String,
    val name: String,
    val kind: AgentKind,
    val available: Boolean,
    val version: String? = null,
    /** The command line that starts the agent. */
    val command: String,
    /** Why the agent is not available, in words a user can act on. */
    val reason: String? = null,
)

data class AgentsListResult(
    val agents: List<AgentInfo>,
)
