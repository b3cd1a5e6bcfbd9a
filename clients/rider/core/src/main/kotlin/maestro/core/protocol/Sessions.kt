package maestro.core.protocol

import com.google.gson.annotations.SerializedName
import java.math.BigDecimal

enum class PermissionMode {
    @SerializedName("ask") ASK,
    @SerializedName("acceptEdits") ACCEPT_EDITS,
    @SerializedName("bypass") BYPASS,
}

enum class SessionStatus {
    @SerializedName("idle") IDLE,
    @SerializedName("running") RUNNING,
    @SerializedName("waiting") WAITING,
    @SerializedName("failed") FAILED,
    @SerializedName("closed") CLOSED,
}

enum class StopReason {
    @SerializedName("endTurn") END_TURN,
    @SerializedName("cancelled") CANCELLED,
    @SerializedName("error") ERROR,
    @SerializedName("maxTurns") MAX_TURNS,
}

data class Usage(
    val inputTokens: Long = 0,
    val outputTokens: Long = 0,
    val cacheReadTokens: Long = 0,
    val cacheWriteTokens: Long = 0,
    val costUsd: BigDecimal = BigDecimal.ZERO,
)

data class Session(
    val id: String,
    val name: String,
    val agentId: String,
    val cwd: String,
    val worktree: String? = null,
    val branch: String? = null,
    val status: SessionStatus,
    val agentSessionId: String? = null,
    val model: String? = null,
    val permissionMode: PermissionMode,
    val lastSeq: Long = 0,
    val createdAt: String,
    val updatedAt: String,
    val usage: Usage,
)

data class WorktreeRequest(val branch: String, val base: String? = null)

data class SessionCreateParams(
    val agentId: String,
    val cwd: String,
    val name: String? = null,
    val worktree: WorktreeRequest? = null,
    val model: String? = null,
    val permissionMode: PermissionMode? = null,
    val systemPrompt: String? = null,
)

data class SessionListParams(val cwd: String? = null, val status: SessionStatus? = null)

data class SessionListResult(val sessions: List<Session>)

data class SessionIdParams(val sessionId: String)

data class SessionPromptParams(val sessionId: String, val text: String)

data class SessionPromptResult(val turnId: String, val stopReason: StopReason, val usage: Usage)

data class SessionHistoryParams(val sessionId: String, val afterSeq: Long? = null, val limit: Int? = null)

data class SessionHistoryResult(val events: List<SessionEventNotification>, val hasMore: Boolean)

data class SessionCloseParams(val sessionId: String, val removeWorktree: Boolean = false)

data class SessionRenameParams(val sessionId: String, val name: String)

data class SessionDiscoverParams(val cwd: String? = null)

data class DiscoveredSession(
    val agentId: String,
    val agentSessionId: String,
    val cwd: String,
    val title: String,
    val updatedAt: String,
)

data class SessionDiscoverResult(val found: List<DiscoveredSession>)

data class SessionImportParams(val agentId: String, val agentSessionId: String)

data class SessionEventNotification(val sessionId: String, val seq: Long, val time: String, val event: SessionEvent)

data class SessionChangedNotification(val session: Session)
