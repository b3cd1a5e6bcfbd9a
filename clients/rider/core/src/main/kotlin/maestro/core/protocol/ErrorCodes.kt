package maestro.core.protocol

/** JSON-RPC error codes Maestro answers with (mirrors ErrorCodes.cs). */
object ErrorCodes {
    const val PARSE_ERROR = -32700
    const val INVALID_REQUEST = -32600
    const val METHOD_NOT_FOUND = -32601
    const val INVALID_PARAMS = -32602
    const val INTERNAL_ERROR = -32603
    const val SERVER_NOT_INITIALIZED = -32002
    const val REQUEST_CANCELLED = -32800
    const val SESSION_NOT_FOUND = -32010
    const val AGENT_UNAVAILABLE = -32011
    const val NOT_A_REPOSITORY = -32012
    const val WORKTREE_DIRTY = -32013
    const val STALE_HUNK = -32014
    const val PATH_OUTSIDE_WORKSPACE = -32015
    const val BUSY = -32016
    const val PLAYBOOK_INVALID = -32017
    const val UNAUTHORIZED = -32018
}
