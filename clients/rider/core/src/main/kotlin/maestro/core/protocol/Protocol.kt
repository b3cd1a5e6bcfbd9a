// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

import com.google.gson.annotations.SerializedName

const val PROTOCOL_VERSION = "1.0"

/** Every JSON-RPC method and notification name. */
object Methods {
    const val INITIALIZE = "initialize"
    const val SHUTDOWN = "shutdown"
    const val EXIT = "exit"
    const val CANCEL_REQUEST = "\$/cancelRequest"
    const val AGENTS_LIST = "agents/list"
    const val SESSIONS_CREATE = "sessions/create"
    const val SESSIONS_LIST = "sessions/list"
    const val SESSIONS_GET = "sessions/get"
    const val SESSIONS_PROMPT = "sessions/prompt"
    const val SESSIONS_CANCEL = "sessions/cancel"
    const val SESSIONS_RETRY_NOW = "sessions/retryNow"
    const val SESSIONS_HISTORY = "sessions/history"
    const val SESSIONS_CLOSE = "sessions/close"
    const val SESSIONS_RENAME = "sessions/rename"
    const val SESSIONS_CONFIGURE = "sessions/configure"
    const val SESSIONS_ARCHIVE = "sessions/archive"
    const val SESSIONS_DELETE = "sessions/delete"
    const val SESSIONS_DISCOVER = "sessions/discover"
    const val SESSIONS_IMPORT = "sessions/import"
    const val SESSIONS_OUTPUT = "sessions/output"
    const val SESSIONS_EVENT = "sessions/event"
    const val SESSIONS_EVENTS = "sessions/events"
    const val SESSIONS_CHANGED = "sessions/changed"
    const val SESSIONS_OUTPUT_APPENDED = "sessions/outputAppended"
    const val PERMISSIONS_REQUEST = "permissions/request"
    const val GIT_STATUS = "git/status"
    const val GIT_LOG = "git/log"
    const val GIT_BRANCHES = "git/branches"
    const val WORKTREES_LIST = "worktrees/list"
    const val WORKTREES_CREATE = "worktrees/create"
    const val WORKTREES_REMOVE = "worktrees/remove"
    const val WORKTREES_PRUNE = "worktrees/prune"
    const val WORKTREES_MERGE = "worktrees/merge"
    const val FILES_READ = "files/read"
    const val REVIEW_CHANGES = "review/changes"
    const val REVIEW_ACCEPT = "review/accept"
    const val REVIEW_REJECT = "review/reject"
    const val REVIEW_STAGE = "review/stage"
    const val REVIEW_UNDO = "review/undo"
    const val REVIEW_CHANGED = "review/changed"
    const val PLAYBOOKS_LIST = "playbooks/list"
    const val PLAYBOOKS_RUN = "playbooks/run"
    const val RUNS_LIST = "runs/list"
    const val RUNS_GET = "runs/get"
    const val RUNS_STOP = "runs/stop"
    const val RUNS_TASKS = "runs/tasks"
    const val RUNS_PROGRESS = "runs/progress"
    const val RUNS_APPROVE = "runs/approve"
    const val CHAT_CREATE = "chat/create"
    const val CHAT_LIST = "chat/list"
    const val CHAT_GET = "chat/get"
    const val CHAT_HISTORY = "chat/history"
    const val CHAT_POST = "chat/post"
    const val CHAT_CANCEL = "chat/cancel"
    const val CHAT_ADD_PARTICIPANT = "chat/addParticipant"
    const val CHAT_REMOVE_PARTICIPANT = "chat/removeParticipant"
    const val CHAT_CLOSE = "chat/close"
    const val CHAT_MESSAGE = "chat/message"
    const val CHAT_CHANGED = "chat/changed"
    const val STATS_GET = "stats/get"
    const val STATS_LEADERBOARD = "stats/leaderboard"
    const val STATS_EXPORT = "stats/export"
    const val STATS_BUDGET_WARNING = "stats/budgetWarning"
    const val STATS_OUTAGES = "stats/outages"
    const val REMOTE_START = "remote/start"
    const val REMOTE_STOP = "remote/stop"
    const val REMOTE_STATUS = "remote/status"
    const val REMOTE_AUTHENTICATE = "remote/authenticate"
    const val HOSTS_ADD = "hosts/add"
    const val HOSTS_LIST = "hosts/list"
    const val HOSTS_REMOVE = "hosts/remove"
    const val HOSTS_TEST = "hosts/test"
    const val HOSTS_INSTALL = "hosts/install"
    const val DAEMON_STATUS = "daemon/status"
    const val DAEMON_STOP = "daemon/stop"
}

/** JSON-RPC error codes Maestro answers with. */
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
    const val MIXED_HUNK = -32019
    const val REVIEW_CONFLICT = -32020
    const val BUDGET_EXCEEDED = -32021
    const val ROOM_NOT_FOUND = -32022
    const val ROOM_CLOSED = -32023
    const val HOST_NOT_FOUND = -32024
    const val HOST_UNREACHABLE = -32025
    const val HOST_KEY_REJECTED = -32026
    const val HOST_AUTH_FAILED = -32027
    const val SERVER_BUILD_MISSING = -32028
    const val TUNNEL_UNAVAILABLE = -32029
    const val BRANCH_NOT_MERGED = -32030
}

/** The `kind` of [ErrorData]: what to branch on. */
object ErrorKinds {
    const val PARSE_ERROR = "ParseError"
    const val INVALID_REQUEST = "InvalidRequest"
    const val METHOD_NOT_FOUND = "MethodNotFound"
    const val FEATURE_NOT_LANDED = "FeatureNotLanded"
    const val INVALID_PARAMS = "InvalidParams"
    const val INTERNAL_ERROR = "InternalError"
    const val SERVER_NOT_INITIALIZED = "ServerNotInitialized"
    const val PROTOCOL_VERSION_MISMATCH = "ProtocolVersionMismatch"
    const val MESSAGE_TOO_LARGE = "MessageTooLarge"
    const val SHUTTING_DOWN = "ShuttingDown"
    const val SESSION_NOT_FOUND = "SessionNotFound"
    const val AGENT_UNAVAILABLE = "AgentUnavailable"
    const val NOT_A_REPOSITORY = "NotARepository"
    const val WORKTREE_DIRTY = "WorktreeDirty"
    const val STALE_HUNK = "StaleHunk"
    const val PATH_OUTSIDE_WORKSPACE = "PathOutsideWorkspace"
    const val BUSY = "Busy"
    const val PLAYBOOK_INVALID = "PlaybookInvalid"
    const val UNAUTHORIZED = "Unauthorized"
    const val MIXED_HUNK = "MixedHunk"
    const val REVIEW_CONFLICT = "ReviewConflict"
    const val BUDGET_EXCEEDED = "BudgetExceeded"
    const val ROOM_NOT_FOUND = "RoomNotFound"
    const val ROOM_CLOSED = "RoomClosed"
    const val HOST_NOT_FOUND = "HostNotFound"
    const val HOST_UNREACHABLE = "HostUnreachable"
    const val HOST_KEY_REJECTED = "HostKeyRejected"
    const val HOST_AUTH_FAILED = "HostAuthFailed"
    const val SERVER_BUILD_MISSING = "ServerBuildMissing"
    const val TUNNEL_UNAVAILABLE = "TunnelUnavailable"
    const val BRANCH_NOT_MERGED = "BranchNotMerged"
}

/** The ids of the agents Maestro knows out of the box; configured ACP agents start with ACP_PREFIX. */
object AgentIds {
    const val CLAUDE_CODE = "claude-code"
    const val CODEX = "codex"
    const val OPEN_CODE = "opencode"
    const val GEMINI = "gemini"
    const val ACP_CLAUDE = "acp:claude"
    const val ACP_CODEX = "acp:codex"
    const val ACP_GEMINI = "acp:gemini"
    const val ACP_OPEN_CODE = "acp:opencode"
    const val ACP_PREFIX = "acp:"
}

/** Who sends a method and the types of its params and result (null: none, or a `null` answer). */
data class MethodShape(val kind: MethodKind, val params: Class<*>?, val result: Class<*>?)

/** The shape of every method, by wire name, from the [MethodShape] attributes of Methods.cs. */
val MethodShapes: Map<String, MethodShape> = linkedMapOf(
    Methods.INITIALIZE to MethodShape(MethodKind.REQUEST, InitializeParams::class.java, InitializeResult::class.java),
    Methods.SHUTDOWN to MethodShape(MethodKind.REQUEST, null, null),
    Methods.EXIT to MethodShape(MethodKind.NOTIFICATION, null, null),
    Methods.CANCEL_REQUEST to MethodShape(MethodKind.NOTIFICATION, CancelRequestParams::class.java, null),
    Methods.AGENTS_LIST to MethodShape(MethodKind.REQUEST, null, AgentsListResult::class.java),
    Methods.SESSIONS_CREATE to MethodShape(MethodKind.REQUEST, SessionCreateParams::class.java, Session::class.java),
    Methods.SESSIONS_LIST to MethodShape(MethodKind.REQUEST, SessionListParams::class.java, SessionListResult::class.java),
    Methods.SESSIONS_GET to MethodShape(MethodKind.REQUEST, SessionIdParams::class.java, Session::class.java),
    Methods.SESSIONS_PROMPT to MethodShape(MethodKind.REQUEST, SessionPromptParams::class.java, SessionPromptResult::class.java),
    Methods.SESSIONS_CANCEL to MethodShape(MethodKind.REQUEST, SessionIdParams::class.java, null),
    Methods.SESSIONS_RETRY_NOW to MethodShape(MethodKind.REQUEST, SessionIdParams::class.java, null),
    Methods.SESSIONS_HISTORY to MethodShape(MethodKind.REQUEST, SessionHistoryParams::class.java, SessionHistoryResult::class.java),
    Methods.SESSIONS_CLOSE to MethodShape(MethodKind.REQUEST, SessionCloseParams::class.java, SessionCloseResult::class.java),
    Methods.SESSIONS_RENAME to MethodShape(MethodKind.REQUEST, SessionRenameParams::class.java, Session::class.java),
    Methods.SESSIONS_CONFIGURE to MethodShape(MethodKind.REQUEST, SessionConfigureParams::class.java, Session::class.java),
    Methods.SESSIONS_ARCHIVE to MethodShape(MethodKind.REQUEST, SessionArchiveParams::class.java, Session::class.java),
    Methods.SESSIONS_DELETE to MethodShape(MethodKind.REQUEST, SessionDeleteParams::class.java, null),
    Methods.SESSIONS_DISCOVER to MethodShape(MethodKind.REQUEST, SessionDiscoverParams::class.java, SessionDiscoverResult::class.java),
    Methods.SESSIONS_IMPORT to MethodShape(MethodKind.REQUEST, SessionImportParams::class.java, Session::class.java),
    Methods.SESSIONS_OUTPUT to MethodShape(MethodKind.REQUEST, SessionOutputParams::class.java, SessionOutputResult::class.java),
    Methods.SESSIONS_EVENT to MethodShape(MethodKind.SERVER_NOTIFICATION, SessionEventNotification::class.java, null),
    Methods.SESSIONS_EVENTS to MethodShape(MethodKind.SERVER_NOTIFICATION, SessionEventsNotification::class.java, null),
    Methods.SESSIONS_CHANGED to MethodShape(MethodKind.SERVER_NOTIFICATION, SessionChangedNotification::class.java, null),
    Methods.SESSIONS_OUTPUT_APPENDED to MethodShape(MethodKind.SERVER_NOTIFICATION, SessionOutputAppendedNotification::class.java, null),
    Methods.PERMISSIONS_REQUEST to MethodShape(MethodKind.SERVER_REQUEST, PermissionRequestParams::class.java, PermissionResponse::class.java),
    Methods.GIT_STATUS to MethodShape(MethodKind.REQUEST, GitStatusParams::class.java, GitStatusResult::class.java),
    Methods.GIT_LOG to MethodShape(MethodKind.REQUEST, GitLogParams::class.java, GitLogResult::class.java),
    Methods.GIT_BRANCHES to MethodShape(MethodKind.REQUEST, GitBranchesParams::class.java, GitBranchesResult::class.java),
    Methods.WORKTREES_LIST to MethodShape(MethodKind.REQUEST, WorktreeListParams::class.java, WorktreeListResult::class.java),
    Methods.WORKTREES_CREATE to MethodShape(MethodKind.REQUEST, WorktreeCreateParams::class.java, Worktree::class.java),
    Methods.WORKTREES_REMOVE to MethodShape(MethodKind.REQUEST, WorktreeRemoveParams::class.java, WorktreeRemoveResult::class.java),
    Methods.WORKTREES_PRUNE to MethodShape(MethodKind.REQUEST, WorktreePruneParams::class.java, WorktreePruneResult::class.java),
    Methods.WORKTREES_MERGE to MethodShape(MethodKind.REQUEST, WorktreeMergeParams::class.java, WorktreeMergeResult::class.java),
    Methods.FILES_READ to MethodShape(MethodKind.REQUEST, FilesReadParams::class.java, FilesReadResult::class.java),
    Methods.REVIEW_CHANGES to MethodShape(MethodKind.REQUEST, ReviewChangesParams::class.java, ReviewChangesResult::class.java),
    Methods.REVIEW_ACCEPT to MethodShape(MethodKind.REQUEST, ReviewSelectionParams::class.java, ReviewAcceptResult::class.java),
    Methods.REVIEW_REJECT to MethodShape(MethodKind.REQUEST, ReviewSelectionParams::class.java, ReviewRejectResult::class.java),
    Methods.REVIEW_STAGE to MethodShape(MethodKind.REQUEST, ReviewSelectionParams::class.java, ReviewStageResult::class.java),
    Methods.REVIEW_UNDO to MethodShape(MethodKind.REQUEST, ReviewUndoParams::class.java, ReviewUndoResult::class.java),
    Methods.REVIEW_CHANGED to MethodShape(MethodKind.SERVER_NOTIFICATION, ReviewChangedNotification::class.java, null),
    Methods.PLAYBOOKS_LIST to MethodShape(MethodKind.REQUEST, PlaybooksListParams::class.java, PlaybooksListResult::class.java),
    Methods.PLAYBOOKS_RUN to MethodShape(MethodKind.REQUEST, PlaybookRunParams::class.java, Run::class.java),
    Methods.RUNS_LIST to MethodShape(MethodKind.REQUEST, RunsListParams::class.java, RunsListResult::class.java),
    Methods.RUNS_GET to MethodShape(MethodKind.REQUEST, RunIdParams::class.java, Run::class.java),
    Methods.RUNS_STOP to MethodShape(MethodKind.REQUEST, RunIdParams::class.java, null),
    Methods.RUNS_TASKS to MethodShape(MethodKind.REQUEST, RunIdParams::class.java, RunTasksResult::class.java),
    Methods.RUNS_PROGRESS to MethodShape(MethodKind.SERVER_NOTIFICATION, RunProgressNotification::class.java, null),
    Methods.RUNS_APPROVE to MethodShape(MethodKind.REQUEST, RunIdParams::class.java, Run::class.java),
    Methods.CHAT_CREATE to MethodShape(MethodKind.REQUEST, ChatCreateParams::class.java, Room::class.java),
    Methods.CHAT_LIST to MethodShape(MethodKind.REQUEST, null, ChatListResult::class.java),
    Methods.CHAT_GET to MethodShape(MethodKind.REQUEST, ChatRoomIdParams::class.java, Room::class.java),
    Methods.CHAT_HISTORY to MethodShape(MethodKind.REQUEST, ChatHistoryParams::class.java, ChatHistoryResult::class.java),
    Methods.CHAT_POST to MethodShape(MethodKind.REQUEST, ChatPostParams::class.java, ChatPostResult::class.java),
    Methods.CHAT_CANCEL to MethodShape(MethodKind.REQUEST, ChatRoomIdParams::class.java, null),
    Methods.CHAT_ADD_PARTICIPANT to MethodShape(MethodKind.REQUEST, ChatAddParticipantParams::class.java, Room::class.java),
    Methods.CHAT_REMOVE_PARTICIPANT to MethodShape(MethodKind.REQUEST, ChatRemoveParticipantParams::class.java, Room::class.java),
    Methods.CHAT_CLOSE to MethodShape(MethodKind.REQUEST, ChatRoomIdParams::class.java, null),
    Methods.CHAT_MESSAGE to MethodShape(MethodKind.SERVER_NOTIFICATION, ChatMessageNotification::class.java, null),
    Methods.CHAT_CHANGED to MethodShape(MethodKind.SERVER_NOTIFICATION, ChatChangedNotification::class.java, null),
    Methods.STATS_GET to MethodShape(MethodKind.REQUEST, StatsGetParams::class.java, StatsResult::class.java),
    Methods.STATS_LEADERBOARD to MethodShape(MethodKind.REQUEST, StatsLeaderboardParams::class.java, StatsLeaderboardResult::class.java),
    Methods.STATS_EXPORT to MethodShape(MethodKind.REQUEST, StatsExportParams::class.java, StatsExportResult::class.java),
    Methods.STATS_BUDGET_WARNING to MethodShape(MethodKind.SERVER_NOTIFICATION, BudgetWarningNotification::class.java, null),
    Methods.STATS_OUTAGES to MethodShape(MethodKind.REQUEST, StatsOutagesParams::class.java, StatsOutagesResult::class.java),
    Methods.REMOTE_START to MethodShape(MethodKind.REQUEST, RemoteStartParams::class.java, RemoteStartResult::class.java),
    Methods.REMOTE_STOP to MethodShape(MethodKind.REQUEST, null, null),
    Methods.REMOTE_STATUS to MethodShape(MethodKind.REQUEST, null, RemoteStatusResult::class.java),
    Methods.REMOTE_AUTHENTICATE to MethodShape(MethodKind.REQUEST, RemoteAuthenticateParams::class.java, RemoteAuthenticateResult::class.java),
    Methods.HOSTS_ADD to MethodShape(MethodKind.REQUEST, HostAddParams::class.java, HostInfo::class.java),
    Methods.HOSTS_LIST to MethodShape(MethodKind.REQUEST, null, HostListResult::class.java),
    Methods.HOSTS_REMOVE to MethodShape(MethodKind.REQUEST, HostNameParams::class.java, null),
    Methods.HOSTS_TEST to MethodShape(MethodKind.REQUEST, HostNameParams::class.java, HostTestResult::class.java),
    Methods.HOSTS_INSTALL to MethodShape(MethodKind.REQUEST, HostNameParams::class.java, HostInstallResult::class.java),
    Methods.DAEMON_STATUS to MethodShape(MethodKind.REQUEST, null, DaemonStatusResult::class.java),
    Methods.DAEMON_STOP to MethodShape(MethodKind.REQUEST, null, null),
)

/** Who sends a method and whether it is answered. */
enum class MethodKind {
    @SerializedName("request") REQUEST,
    @SerializedName("notification") NOTIFICATION,
    @SerializedName("serverRequest") SERVER_REQUEST,
    @SerializedName("serverNotification") SERVER_NOTIFICATION,
}
