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
    /** Model names to offer for this agent (`agents.ID.models` in settings.json, else the names the agent's own documentation gives, such as Claude Code's aliases); absent when Maestro knows none. Any other name the agent takes works too (`sessions/configure`, `--model`). */
    val models: List<String>? = null,
    /** The context window of the agent's model in tokens (`agents.ID.contextWindow` in settings.json, else the size the agent's documentation gives); absent when Maestro knows none. */
    val contextWindow: Long? = null,
)

data class AgentsListResult(
    val agents: List<AgentInfo>,
)
