// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

import com.google.gson.annotations.SerializedName
import java.math.BigDecimal

enum class RunOutcome {
    @SerializedName("done") DONE,
    @SerializedName("taskFailed") TASK_FAILED,
    @SerializedName("budgetExceeded") BUDGET_EXCEEDED,
    @SerializedName("stopped") STOPPED,
    @SerializedName("playbookInvalid") PLAYBOOK_INVALID,
    @SerializedName("agentUnavailable") AGENT_UNAVAILABLE,
    @SerializedName("error") ERROR,
    @SerializedName("halted") HALTED,
}

enum class RunProgressKind {
    @SerializedName("taskStarted") TASK_STARTED,
    @SerializedName("taskDone") TASK_DONE,
    @SerializedName("taskFailed") TASK_FAILED,
    @SerializedName("loopStarted") LOOP_STARTED,
    @SerializedName("finished") FINISHED,
    @SerializedName("waiting") WAITING,
    @SerializedName("resumed") RESUMED,
}

enum class RunStatus {
    @SerializedName("running") RUNNING,
    @SerializedName("waiting") WAITING,
    @SerializedName("done") DONE,
    @SerializedName("failed") FAILED,
    @SerializedName("stopped") STOPPED,
}

enum class RunTaskState {
    @SerializedName("pending") PENDING,
    @SerializedName("running") RUNNING,
    @SerializedName("done") DONE,
    @SerializedName("failed") FAILED,
    @SerializedName("skipped") SKIPPED,
    @SerializedName("waiting") WAITING,
}

/** What a run of the playbook takes from its own settings when `playbooks/run` leaves a field out, so a client can preselect it. */
data class PlaybookDefaults(
    /** The settings' `agent`. */
    val agentId: String? = null,
    /** The most a run's agents may do: a folder playbook's `playbook.yaml` `permissionMode`; null means `acceptEdits`. */
    val permissionMode: PermissionMode? = null,
    val loops: Int? = null,
    /** The branch a run works on in a fresh worktree. */
    val worktree: String? = null,
    val budget: RunBudget? = null,
)

data class PlaybookDocumentInfo(
    val path: String,
    val total: Int,
    val done: Int,
)

data class PlaybookInfo(
    val path: String,
    val name: String,
    val documents: List<PlaybookDocumentInfo>,
    /** Why the playbook cannot run as it is (then documents may be empty). */
    val error: String? = null,
    /** What may keep it from running unattended, e.g. a task only a person can do; a run starts anyway. */
    val warnings: List<PlaybookWarning>? = null,
    /** The playbook's own run settings; null when it sets none (or cannot load). */
    val defaults: PlaybookDefaults? = null,
)

data class PlaybookRunParams(
    val path: String,
    val agentId: String,
    val worktree: WorktreeRequest? = null,
    val loops: Int? = null,
    val budget: RunBudget? = null,
    /** The most the run's agents may do. A playbook document may lower its own permission mode, never raise it above this. Without it: a folder playbook's `playbook.yaml` `permissionMode`, else `acceptEdits`. */
    val permissionMode: PermissionMode? = null,
    /** Uncheck every box before the first task, so a scheduled run starts over each time (`maestro run --reset`). */
    val reset: Boolean? = null,
    /** Where the agents work; by default the git repository holding the playbook, else the playbook's folder. */
    val cwd: String? = null,
    /** Runs the playbook on this host (`hosts/add`): `path` and `cwd` are paths there, its agents run there. */
    val host: String? = null,
    /** A stopped run of this playbook to go on with instead of starting a new one (`maestro run` passes the run its Ctrl-C stopped): it keeps its id, the tasks it ran, its cost and its start, so its budget counts on, and its settings (the other fields are not read). A run that is not stopped, or of another playbook, is refused (-32602). */
    val continueRunId: String? = null,
)

/** Something in a document that may keep a playbook from running unattended; the run starts anyway. */
data class PlaybookWarning(
    val document: String,
    /** 1-based line the warning is about. */
    val line: Int,
    val message: String,
)

data class PlaybooksListParams(
    val cwd: String,
    /** Lists the playbooks of a folder of this host (`hosts/add`). */
    val host: String? = null,
)

data class PlaybooksListResult(
    val playbooks: List<PlaybookInfo>,
)

data class Run(
    val id: String,
    val playbook: String,
    val agentId: String,
    val status: RunStatus,
    val total: Int,
    val done: Int,
    val failed: Int,
    val loop: Int = 0,
    val currentTask: RunTask? = null,
    val sessionIds: List<String>,
    val startedAt: String,
    val endedAt: String? = null,
    val usage: Usage,
    /** Why the run ended, when it did not finish every task. */
    val reason: String? = null,
    /** How the run ended; null while it runs. */
    val outcome: RunOutcome? = null,
    /** How many passes over the playbook the run makes; Loop is the current one (1-based). */
    val loops: Int = 1,
    /** Tasks given to an agent so far (a retry is the same task), what `budget.maxTasks` counts. */
    val tasksRun: Int = 0,
    /** The folder the agents work in. */
    val cwd: String? = null,
    /** The worktree the run made for itself, when it was asked to run on a branch. */
    val worktree: String? = null,
    val branch: String? = null,
    /** While Status is `waiting`: the provider outage the current task's agent waits out. */
    val waiting: RunWait? = null,
    /** While Status is `waiting` at a human-in-the-loop gate: what the person is asked to do. */
    val gate: RunGate? = null,
    /** The host (`hosts/add`) the run runs on; absent for a run of this machine. Its paths are paths there. */
    val host: String? = null,
)

data class RunBudget(
    val maxTasks: Int? = null,
    val maxCostUsd: BigDecimal? = null,
    val maxMinutes: Double? = null,
    /** How long one attempt at a task may take; an attempt over it is stopped and counts as not done. */
    val maxTaskMinutes: Double? = null,
)

/** A human-in-the-loop gate the run waits at: a `<!-- MAESTRO:HITL reason="…" artifact="…" -->` marker above the next unchecked task. The person approves by ticking that task (in the document, or with `runs/approve`), and the run goes on by itself. */
data class RunGate(
    /** Why a person is needed (the marker's `reason`; "Human review requested" when it names none). */
    val reason: String,
    /** What to look at before approving, as the marker wrote it (usually a path); null when none. */
    val artifact: String? = null,
    /** The task whose box approves the gate. */
    val task: RunTask,
    /** 1-based line of the marker in Document. */
    val markerLine: Int,
    val since: String,
)

data class RunIdParams(
    val runId: String,
)

data class RunProgressNotification(
    val run: Run,
    val event: RunProgressKind,
    val task: RunTask? = null,
    /** A sentence for people: why a task failed, a retry, a warning about the document. */
    val message: String? = null,
)

data class RunTask(
    val document: String,
    /** 1-based line of the checkbox in the document. */
    val line: Int,
    val text: String,
    /** 1 for the first try, 2 for the first retry, and so on. */
    val attempt: Int = 1,
    /** The session this attempt runs in (its history stays, linked to the run). */
    val sessionId: String? = null,
)

/** One attempt at a task of a run: each runs in a fresh session, whose history stays. */
data class RunTaskAttempt(
    /** 1 for the first try, 2 for the first retry, and so on (counted per loop). */
    val attempt: Int,
    /** The pass over the playbook it ran in (1-based). */
    val loop: Int = 1,
    val sessionId: String? = null,
    /** Why the attempt did not finish the task (or what else it noticed); absent while it runs and when it did. */
    val message: String? = null,
)

/** A task of a run's playbook (`runs/tasks`): where it is, what it says, where it stands, and its attempts. */
data class RunTaskEntry(
    val document: String,
    /** 1-based line of the checkbox in the document, as it reads now. */
    val line: Int,
    val text: String,
    val state: RunTaskState,
    /** This run's attempts at the task, oldest first (every loop's); empty for a task it never gave to an agent. */
    val attempts: List<RunTaskAttempt>,
)

data class RunTasksResult(
    val runId: String,
    /** Every task of the run's documents in run order (document by document, top to bottom). */
    val tasks: List<RunTaskEntry>,
    /** The run's host (`hosts/add`) when it runs there; its paths are paths there. */
    val host: String? = null,
)

/** Why a run waits: the outage its current task's session is in (that session's `outage` event has the detail). Waiting uses up none of the task's retries; it counts against `budget.maxMinutes` only. */
data class RunWait(
    val sessionId: String,
    val `class`: OutageClass,
    /** What the agent said about the failure, secrets removed. */
    val reason: String,
    val since: String,
    /** When the prompt is resent next. */
    val nextAt: String? = null,
    /** When the provider said its limit resets, when it named one. */
    val resetAt: String? = null,
    /** How many times the prompt was sent and failed so far in this outage. */
    val attempts: Int,
)

data class RunsListParams(
    val status: RunStatus? = null,
)

data class RunsListResult(
    val runs: List<Run>,
)
