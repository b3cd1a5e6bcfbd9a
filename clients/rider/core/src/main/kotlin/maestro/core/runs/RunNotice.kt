package maestro.core.runs

import maestro.core.protocol.Run

/** What the IDE tells the user about a Playbook run, with the actions it offers; [RunNotices] decides which. */
sealed interface RunNotice {
    val run: Run
    val text: String

    /** A human-in-the-loop gate: Approve (`runs/approve` ticks the task below it) and Show Run. */
    data class Gate(override val run: Run, override val text: String) : RunNotice

    /**
     * A run that failed (a task left undone, the agent unavailable), quoting why: Open Transcript (the last attempt's
     * session, where the cause is), Retry with Bypass (only when a permission refusal was the cause) and Open Playbook.
     */
    data class Failed(
        override val run: Run,
        override val text: String,
        val transcriptSessionId: String?,
        val canRetryWithBypass: Boolean,
    ) : RunNotice

    /** Any other end (done, stopped, halted, out of budget) while the panel is not on screen: Show Run. */
    data class Ended(override val run: Run, override val text: String) : RunNotice
}
