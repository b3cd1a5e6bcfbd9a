// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

import com.google.gson.annotations.SerializedName
import java.math.BigDecimal

enum class McpTransport {
    @SerializedName("stdio") STDIO,
    @SerializedName("http") HTTP,
    @SerializedName("sse") SSE,
}

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
    @SerializedName("retrying") RETRYING,
    @SerializedName("closed") CLOSED,
}

enum class StopReason {
    @SerializedName("endTurn") END_TURN,
    @SerializedName("cancelled") CANCELLED,
    @SerializedName("error") ERROR,
    @SerializedName("maxTurns") MAX_TURNS,
}

/** A conversation an agent CLI keeps on disk that Maestro can import. */
data class DiscoveredSession(
    val agentId: String,
    val agentSessionId: String,
    val cwd: String,
    val title: String,
    val updatedAt: String,
)

/** An MCP server the session's agent connects to (an ACP editor's `mcpServers`): a program on stdio (Command) or a server at Url. Held by the daemon in memory only, since its environment and headers may carry credentials: a client passes them again after a daemon restart (ACP's session/load does). */
data class McpServer(
    val name: String,
    val transport: McpTransport = McpTransport.STDIO,
    /** The program to run (stdio): an absolute path. */
    val command: String? = null,
    val args: List<String>? = null,
    val env: Map<String, String>? = null,
    /** The server's address (http, sse). */
    val url: String? = null,
    val headers: Map<String, String>? = null,
)

data class Session(
    val id: String,
    val name: String,
    val agentId: String,
    val cwd: String,
    /** The worktree path when the session runs in one of its own. */
    val worktree: String? = null,
    val branch: String? = null,
    val status: SessionStatus,
    /** The agent's own id for the conversation, used to resume it. */
    val agentSessionId: String? = null,
    val model: String? = null,
    val permissionMode: PermissionMode = PermissionMode.ASK,
    /** The seq of the last stored event. */
    val lastSeq: Long = 0L,
    val createdAt: String,
    val updatedAt: String,
    val usage: Usage,
    val archived: Boolean = false,
    /** The host (`hosts/add`) the session runs on; absent for a session of this machine. Its paths are paths there. */
    val host: String? = null,
    val offline: Boolean = false,
)

data class SessionArchiveParams(
    val sessionId: String,
    /** True to archive, false to bring the session back into the lists. */
    val archived: Boolean = true,
)

data class SessionChangedNotification(
    val session: Session,
    val deleted: Boolean = false,
)

data class SessionCloseParams(
    val sessionId: String,
    val removeWorktree: Boolean = false,
    /** With `removeWorktree`: also delete the worktree's branch, only when its commits are merged (as `worktrees/remove {deleteBranch}` without force). */
    val deleteBranch: Boolean = false,
)

data class SessionCloseResult(
    /** The worktree `removeWorktree` removed (and whether its branch was deleted); absent when none was. */
    val removedWorktree: WorktreeRemoveResult? = null,
)

/** Changes what the session's next turn runs with; fields left out stay as they are. A different agent starts a fresh conversation with that agent in the same Maestro session (its transcript stays); its model then resets to the agent's default unless Model names one. An empty Model also means the agent's default. A Worktree moves the session into a fresh worktree on a new branch, made from the HEAD of the folder it works in now; its next turn starts a fresh conversation there (agents keep conversations per folder). Changes not committed stay in the old folder. */
data class SessionConfigureParams(
    val sessionId: String,
    val agentId: String? = null,
    val model: String? = null,
    val permissionMode: PermissionMode? = null,
    val worktree: WorktreeRequest? = null,
    /** Replaces the MCP servers of the session's next turns (an empty list removes them). */
    val mcpServers: List<McpServer>? = null,
)

data class SessionCreateParams(
    val agentId: String,
    val cwd: String,
    val name: String? = null,
    val worktree: WorktreeRequest? = null,
    val model: String? = null,
    val permissionMode: PermissionMode? = null,
    /** Extra instructions appended to the agent's system prompt, where the agent supports it. */
    val systemPrompt: String? = null,
    /** Creates the session on this host (`hosts/add`) instead of this machine; `cwd` is then a path there. */
    val host: String? = null,
    /** MCP servers the agent connects to, where it takes them (Claude Code, ACP agents); see McpServer. */
    val mcpServers: List<McpServer>? = null,
)

data class SessionDeleteParams(
    val sessionId: String,
    /** Close the session first when it is still open (its agent is stopped, a running turn cancelled). */
    val force: Boolean = false,
)

data class SessionDiscoverParams(
    val cwd: String? = null,
)

data class SessionDiscoverResult(
    val found: List<DiscoveredSession>,
)

/** One stored event of a session; seq numbers are contiguous per session, from 1. */
data class SessionEventNotification(
    val sessionId: String,
    val seq: Long,
    val time: String,
    val event: SessionEvent,
    /** The host of the session, for a session of another machine relayed by this daemon. */
    val host: String? = null,
)

/** `sessions/events`: several consecutive events of one session in one message, sent instead of one `sessions/event` each to clients whose `initialize` said `capabilities.batchedEvents`. */
data class SessionEventsNotification(
    val sessionId: String,
    /** In seq order, contiguous. */
    val events: List<SessionEventNotification>,
    /** The host of the session, for a session of another machine relayed by this daemon. */
    val host: String? = null,
)

data class SessionHistoryParams(
    val sessionId: String,
    /** Events with a seq above this one; from the start when absent. */
    val afterSeq: Long? = null,
    val limit: Int? = null,
)

data class SessionHistoryResult(
    val events: List<SessionEventNotification>,
    val hasMore: Boolean,
)

/** Params of the methods that only name a session: get, cancel. */
data class SessionIdParams(
    val sessionId: String,
)

data class SessionImportParams(
    val agentId: String,
    val agentSessionId: String,
)

data class SessionListParams(
    val cwd: String? = null,
    val status: SessionStatus? = null,
)

data class SessionListResult(
    val sessions: List<Session>,
)

/** `sessions/outputAppended`: new stderr lines of a session's agent, batched (at most every 100 ms per session). A client that holds lines up to some seq skips the ones it has; a gap is filled with `sessions/output {afterSeq}`. */
data class SessionOutputAppendedNotification(
    val sessionId: String,
    /** In seq order, contiguous. */
    val lines: List<SessionOutputLine>,
    /** The host of the session, for a session of another machine relayed by this daemon. */
    val host: String? = null,
)

/** One line an agent wrote to stderr: ANSI escapes removed, secrets masked, cut at 2000 characters. */
data class SessionOutputLine(
    /** Per session, from 1, contiguous, for as long as the daemon runs (a restart starts again at 1). */
    val seq: Long,
    /** When the daemon read the line. */
    val at: String,
    val text: String,
)

/** `sessions/output`: the recent stderr of a session's agent, as the daemon keeps it (in memory). */
data class SessionOutputParams(
    val sessionId: String,
    /** Lines with a seq above this one; every kept line when absent. */
    val afterSeq: Long? = null,
)

data class SessionOutputResult(
    /** In seq order. */
    val lines: List<SessionOutputLine>,
    /** True when lines after `afterSeq` were dropped already (the ring keeps only the last ones). */
    val truncated: Boolean,
)

data class SessionPromptParams(
    val sessionId: String,
    val text: String,
)

data class SessionPromptResult(
    val turnId: String,
    val stopReason: StopReason,
    val usage: Usage,
)

data class SessionRenameParams(
    val sessionId: String,
    val name: String,
)

/** Tokens and cost, per turn or summed over a session or run. */
data class Usage(
    val inputTokens: Long = 0L,
    val outputTokens: Long = 0L,
    val cacheReadTokens: Long = 0L,
    val cacheWriteTokens: Long = 0L,
    val costUsd: BigDecimal = BigDecimal.ZERO,
)

/** Asks for a fresh worktree on a new branch. */
data class WorktreeRequest(
    val branch: String,
    val base: String? = null,
)
