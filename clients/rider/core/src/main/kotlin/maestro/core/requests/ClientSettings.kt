package maestro.core.requests

import maestro.core.protocol.PermissionMode

/** The IDE's Maestro settings as the core reads them: blank strings mean "not set". */
data class ClientSettings(
    /** The `maestro` executable; blank: `MAESTRO_BIN`, else `maestro` on PATH. */
    val serverPath: String? = null,
    /** The agent of new sessions and runs; blank: the first available agent the server lists. */
    val defaultAgent: String? = null,
    /** ask, acceptEdits or bypass (the protocol's wire names); anything else: acceptEdits. */
    val permissionMode: String? = null,
) {
    val executable: String? get() = serverPath?.trim()?.takeIf { it.isNotEmpty() }

    val agent: String? get() = defaultAgent?.trim()?.takeIf { it.isNotEmpty() }

    val mode: PermissionMode get() = when (permissionMode?.trim()) {
        "ask" -> PermissionMode.ASK
        "bypass" -> PermissionMode.BYPASS
        else -> PermissionMode.ACCEPT_EDITS
    }

    /** True when going from this to [next] needs a new server process (only the executable does). */
    fun requiresRestart(next: ClientSettings): Boolean = executable != next.executable
}
