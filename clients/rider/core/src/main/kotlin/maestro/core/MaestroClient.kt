package maestro.core

import maestro.core.protocol.*
import maestro.core.rpc.JsonRpcConnection

/** Typed calls of the Maestro protocol over one [JsonRpcConnection]. */
class MaestroClient(val connection: JsonRpcConnection) {
    suspend fun initialize(params: InitializeParams): InitializeResult = connection.request(Methods.INITIALIZE, params)

    suspend fun shutdown() {
        connection.requestRaw(Methods.SHUTDOWN)
    }

    fun exit() = connection.notify(Methods.EXIT)

    suspend fun agents(): AgentsListResult = connection.request(Methods.AGENTS_LIST)

    suspend fun createSession(params: SessionCreateParams): Session = connection.request(Methods.SESSIONS_CREATE, params)

    suspend fun listSessions(params: SessionListParams = SessionListParams()): SessionListResult =
        connection.request(Methods.SESSIONS_LIST, params)

    suspend fun getSession(sessionId: String): Session = connection.request(Methods.SESSIONS_GET, SessionIdParams(sessionId))

    suspend fun prompt(sessionId: String, text: String): SessionPromptResult =
        connection.request(Methods.SESSIONS_PROMPT, SessionPromptParams(sessionId = sessionId, text = text))

    suspend fun cancel(sessionId: String) {
        connection.requestRaw(Methods.SESSIONS_CANCEL, SessionIdParams(sessionId))
    }

    suspend fun history(sessionId: String, afterSeq: Long, limit: Int? = null): SessionHistoryResult =
        connection.request(Methods.SESSIONS_HISTORY, SessionHistoryParams(sessionId = sessionId, afterSeq = afterSeq, limit = limit))

    suspend fun closeSession(sessionId: String, removeWorktree: Boolean = false) {
        connection.requestRaw(Methods.SESSIONS_CLOSE, SessionCloseParams(sessionId = sessionId, removeWorktree = removeWorktree))
    }

    suspend fun renameSession(sessionId: String, name: String): Session =
        connection.request(Methods.SESSIONS_RENAME, SessionRenameParams(sessionId = sessionId, name = name))

    suspend fun gitStatus(cwd: String): GitStatusResult = connection.request(Methods.GIT_STATUS, GitStatusParams(cwd))

    /** The agents' pending hunks (each turn's own baseline, the default); [baseline] INDEX for git's view (Stage Hunk). */
    suspend fun reviewChanges(cwd: String, paths: List<String>? = null, baseline: ReviewBaseline? = null, host: String? = null): ReviewChangesResult =
        connection.request(Methods.REVIEW_CHANGES, ReviewChangesParams(cwd = cwd, paths = paths, baseline = baseline, host = host))

    /** A working file's text; with [FilesReadParams.host], read by that host's daemon. */
    suspend fun readFile(params: FilesReadParams): FilesReadResult = connection.request(Methods.FILES_READ, params)

    /** Keeps agent hunks (`hunkIds`) or an agent's whole files (`paths`, `"."` for every file); git's index is not touched. */
    suspend fun reviewAccept(params: ReviewSelectionParams): ReviewAcceptResult = connection.request(Methods.REVIEW_ACCEPT, params)

    /** Takes agent hunks back; with `apply = false` the new text comes back for the IDE to write as an undoable edit. */
    suspend fun reviewReject(params: ReviewSelectionParams): ReviewRejectResult = connection.request(Methods.REVIEW_REJECT, params)

    suspend fun reviewUndo(params: ReviewUndoParams): ReviewUndoResult = connection.request(Methods.REVIEW_UNDO, params)

    /** `git add` of index-review hunks or files: the one review call that touches git's index. */
    suspend fun reviewStage(params: ReviewSelectionParams): ReviewStageResult = connection.request(Methods.REVIEW_STAGE, params)

    suspend fun playbooks(cwd: String): PlaybooksListResult = connection.request(Methods.PLAYBOOKS_LIST, PlaybooksListParams(cwd))

    suspend fun runPlaybook(params: PlaybookRunParams): Run = connection.request(Methods.PLAYBOOKS_RUN, params)

    suspend fun runs(params: RunsListParams = RunsListParams()): RunsListResult = connection.request(Methods.RUNS_LIST, params)

    suspend fun getRun(runId: String): Run = connection.request(Methods.RUNS_GET, RunIdParams(runId))

    /** Asks the run to stop; `runs/stop` answers `null`, the run's end arrives by `runs/progress` (or [getRun]). */
    suspend fun stopRun(runId: String) {
        connection.requestRaw(Methods.RUNS_STOP, RunIdParams(runId))
    }

    /** Approves the HITL gate the run waits at (the server ticks the task below it); answers the run once it went on. */
    suspend fun approveRun(runId: String): Run = connection.request(Methods.RUNS_APPROVE, RunIdParams(runId))

    suspend fun stats(params: StatsGetParams = StatsGetParams()): StatsResult = connection.request(Methods.STATS_GET, params)

    suspend fun startRemote(params: RemoteStartParams = RemoteStartParams()): RemoteStartResult =
        connection.request(Methods.REMOTE_START, params)

    fun onSessionEvent(handler: (SessionEventNotification) -> Unit) =
        connection.onNotification(Methods.SESSIONS_EVENT, SessionEventNotification::class.java, handler)

    fun onSessionChanged(handler: (SessionChangedNotification) -> Unit) =
        connection.onNotification(Methods.SESSIONS_CHANGED, SessionChangedNotification::class.java, handler)

    fun onReviewChanged(handler: (ReviewChangedNotification) -> Unit) =
        connection.onNotification(Methods.REVIEW_CHANGED, ReviewChangedNotification::class.java, handler)

    fun onRunProgress(handler: (RunProgressNotification) -> Unit) =
        connection.onNotification(Methods.RUNS_PROGRESS, RunProgressNotification::class.java, handler)

    fun onPermissionRequest(handler: suspend (PermissionRequestParams) -> PermissionResponse) =
        connection.onRequest(Methods.PERMISSIONS_REQUEST, PermissionRequestParams::class.java, handler)
}
