package maestro.core.protocol

import com.google.gson.annotations.SerializedName
import java.math.BigDecimal

enum class RunStatus {
    @SerializedName("running") RUNNING,
    @SerializedName("done") DONE,
    @SerializedName("failed") FAILED,
    @SerializedName("stopped") STOPPED,
}

enum class RunProgressKind {
    @SerializedName("taskStarted") TASK_STARTED,
    @SerializedName("taskDone") TASK_DONE,
    @SerializedName("taskFailed") TASK_FAILED,
    @SerializedName("loopStarted") LOOP_STARTED,
    @SerializedName("finished") FINISHED,
}

data class PlaybooksListParams(val cwd: String)
data class PlaybookDocumentInfo(val path: String, val total: Int, val done: Int)
data class PlaybookInfo(val path: String, val name: String, val documents: List<PlaybookDocumentInfo>)
data class PlaybooksListResult(val playbooks: List<PlaybookInfo>)
data class RunBudget(val maxTasks: Int? = null, val maxCostUsd: BigDecimal? = null, val maxMinutes: Double? = null)
data class PlaybookRunParams(
    val path: String,
    val agentId: String,
    val worktree: WorktreeRequest? = null,
    val loops: Int? = null,
    val budget: RunBudget? = null,
)
data class RunTask(val document: String, val line: Int, val text: String)
data class Run(
    val id: String,
    val playbook: String,
    val agentId: String,
    val status: RunStatus,
    val total: Int,
    val done: Int,
    val failed: Int,
    val loop: Int,
    val currentTask: RunTask? = null,
    val sessionIds: List<String>,
    val startedAt: String,
    val endedAt: String? = null,
    val usage: Usage,
    val reason: String? = null,
)
data class RunIdParams(val runId: String)
data class RunsListParams(val status: RunStatus? = null)
data class RunsListResult(val runs: List<Run>)
data class RunProgressNotification(val run: Run, val event: RunProgressKind, val task: RunTask? = null)
