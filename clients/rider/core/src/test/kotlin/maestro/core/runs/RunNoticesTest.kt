package maestro.core.runs

import com.google.gson.JsonParser
import maestro.core.protocol.MaestroJson
import maestro.core.protocol.PermissionMode
import maestro.core.protocol.RunOutcome
import maestro.core.protocol.RunProgressNotification
import maestro.core.protocol.RunStatus
import maestro.core.support.Repo
import org.junit.jupiter.api.Test
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** The IDE's run notices, decided on the `runs/progress` notifications the real server sent (tests/exchanges). */
class RunNoticesTest {
    private fun recorded(name: String): RunProgressNotification {
        val exchange = JsonParser.parseString(File(Repo.exchanges, name).readText()).asJsonObject
        return MaestroJson.gson.fromJson(exchange.get("notification"), RunProgressNotification::class.java)
    }

    @Test
    fun `a gate is shown once with its reason and artifact`() {
        val gate = recorded("runs-progress-gate.json")
        val notices = RunNotices()
        val notice = assertIs<RunNotice.Gate>(notices.of(gate, panelVisible = true))
        assertEquals("The run of gated.md needs your approval: Read the draft. Look at DRAFT.md first.", notice.text)
        // runs/progress repeats `waiting` while the wait changes: the same gate is not shown again.
        assertNull(notices.of(gate, panelVisible = false))
    }

    @Test
    fun `a failure quotes why and offers the transcript and, for a refusal, a retry with bypass`() {
        val finished = recorded("runs-progress-finished.json")
        val refused = "Task 'Build' is still unchecked. The acceptEdits permission mode refused 1 tool call: Bash `make`. To allow it: run with --permission-mode bypass."
        val failed = finished.copy(run = finished.run.copy(status = RunStatus.FAILED, outcome = RunOutcome.TASK_FAILED, reason = refused, sessionIds = listOf("s_1", "s_2")))
        val notice = assertIs<RunNotice.Failed>(RunNotices().of(failed, panelVisible = true))
        assertTrue(notice.text.endsWith("failed: $refused"), notice.text)
        assertEquals("s_2", notice.transcriptSessionId)
        assertTrue(notice.canRetryWithBypass)
        val stalled = failed.copy(run = failed.run.copy(reason = "Stalled: the box stayed unchecked and no file changed."))
        assertEquals(false, assertIs<RunNotice.Failed>(RunNotices().of(stalled, panelVisible = true)).canRetryWithBypass)
        val retry = RunNotices.retryWithBypass(failed.run)
        assertEquals(Triple(failed.run.playbook, failed.run.agentId, PermissionMode.BYPASS), Triple(retry.path, retry.agentId, retry.permissionMode))
        assertEquals(failed.run.cwd, retry.cwd)
    }

    @Test
    fun `any other end is announced only while the panel is not on screen`() {
        val finished = recorded("runs-progress-finished.json")
        assertEquals(RunOutcome.DONE, finished.run.outcome)
        assertNull(RunNotices().of(finished, panelVisible = true))
        val notice = assertIs<RunNotice.Ended>(RunNotices().of(finished, panelVisible = false))
        assertTrue(Regex("""^The run of \S+ finished: \d+ of \d+ tasks done, \$\d+\.\d\d\.$""").matches(notice.text), notice.text)
        val halted = finished.copy(run = finished.run.copy(status = RunStatus.STOPPED, outcome = RunOutcome.HALTED, reason = "Halted at pb.md:3: the API is down"))
        assertEquals("The run of ${File(finished.run.playbook).name} ended (halted): Halted at pb.md:3: the API is down", RunNotices().of(halted, panelVisible = false)!!.text)
        // Progress that is not an end or a gate is no notice.
        assertNull(RunNotices().of(recorded("runs-progress-taskStarted.json"), panelVisible = false))
    }
}
