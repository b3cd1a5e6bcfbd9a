package maestro.core.runs

import maestro.core.protocol.PermissionMode
import maestro.core.protocol.PlaybookRunParams
import maestro.core.protocol.Run
import maestro.core.protocol.RunOutcome
import maestro.core.protocol.RunProgressKind
import maestro.core.protocol.RunProgressNotification
import java.io.File
import java.util.Locale
import java.util.concurrent.ConcurrentHashMap

/**
 * Which `runs/progress` notifications become an IDE notice, the same rules as VS Code's RunGateNotices and
 * RunEndNotices: a gate once (runs/progress repeats `waiting` while the wait changes), a failure always (its cause used
 * to sit in a collapsed row of another session, where nobody found it), any other end once and only when the panel is
 * not on screen (runs end while the user looks elsewhere). One instance per project.
 */
class RunNotices {
    private val shown = ConcurrentHashMap.newKeySet<String>()

    /** The notice for [progress], or null; [panelVisible] is whether the Maestro tool window is on screen. */
    fun of(progress: RunProgressNotification, panelVisible: Boolean): RunNotice? {
        val run = progress.run
        val name = File(run.playbook).name
        return when (progress.event) {
            RunProgressKind.WAITING -> {
                val gate = run.gate ?: return null
                if (!shown.add("gate|${run.id}|${gate.task.document}|${gate.markerLine}|${gate.since}")) return null
                val artifact = gate.artifact?.let { " Look at $it first." } ?: ""
                RunNotice.Gate(run, "The run of $name needs your approval: ${gate.reason}.$artifact")
            }
            RunProgressKind.FINISHED -> when (run.outcome) {
                RunOutcome.TASK_FAILED, RunOutcome.AGENT_UNAVAILABLE -> {
                    if (!shown.add("end|${run.id}")) return null
                    val reason = run.reason ?: "a task was not done"
                    RunNotice.Failed(run, "The run of $name failed: $reason", run.sessionIds.lastOrNull(), REFUSED.containsMatchIn(reason))
                }
                else -> {
                    if (panelVisible || !shown.add("end|${run.id}")) return null
                    RunNotice.Ended(run, endedText(run, name))
                }
            }
            else -> null
        }
    }

    companion object {
        /** The server's refusal sentence (`The acceptEdits permission mode refused 1 tool call: …`). */
        private val REFUSED = Regex(" permission mode refused ")

        /** Retry with Bypass: the same playbook, agent and folder, with bypass; the boxes already checked stay done. */
        fun retryWithBypass(run: Run): PlaybookRunParams =
            PlaybookRunParams(path = run.playbook, agentId = run.agentId, cwd = run.cwd, permissionMode = PermissionMode.BYPASS)

        private fun endedText(run: Run, name: String): String =
            if (run.outcome == RunOutcome.DONE) {
                "The run of $name finished: ${run.done} of ${run.total} tasks done, $${String.format(Locale.ROOT, "%.2f", run.usage.costUsd)}."
            } else {
                val how = run.outcome?.name?.lowercase(Locale.ROOT)?.replace('_', ' ') ?: run.status.name.lowercase(Locale.ROOT)
                "The run of $name ended ($how)${run.reason?.let { ": $it" } ?: "."}"
            }
    }
}
