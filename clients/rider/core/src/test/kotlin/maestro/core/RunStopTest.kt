package maestro.core

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import maestro.core.protocol.PlaybookRunParams
import maestro.core.protocol.RunOutcome
import maestro.core.protocol.RunProgressKind
import maestro.core.protocol.RunProgressNotification
import maestro.core.protocol.RunStatus
import maestro.core.support.ModelServer
import maestro.core.support.Sandbox
import maestro.core.support.TestServer
import org.junit.jupiter.api.Test
import java.io.File
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

/**
 * A Playbook run whose agent (the real Claude Code CLI) waits on a model that never answers is stopped by
 * `runs/stop`, which answers `null` once the run has stopped: the client must not read a Run from it.
 */
class RunStopTest {
    @Test
    fun `runs stop ends a running Playbook run stopped`() = runBlocking {
        ModelServer().use { model ->
            Sandbox().use { sandbox ->
                sandbox.configureClaude("claude-code", "claude", model.modelUrl)
                val playbook = File(sandbox.repo, "tidy.md").apply { writeText("# Tidy\n\n- [ ] Fix the typos in README.md\n") }
                val progress = CopyOnWriteArrayList<RunProgressNotification>()
                val taskStarted = CompletableDeferred<RunProgressNotification>()
                val finished = CompletableDeferred<RunProgressNotification>()
                TestServer(sandbox, "run-stop").start { client ->
                    client.onRunProgress {
                        progress += it
                        if (it.event == RunProgressKind.TASK_STARTED) taskStarted.complete(it)
                        if (it.event == RunProgressKind.FINISHED) finished.complete(it)
                    }
                }.use { server ->
                    withTimeout(240_000) {
                        server.initialize()
                        model.setFault("""{"hang":true}""")
                        val run = server.client.runPlaybook(PlaybookRunParams(path = playbook.path, agentId = "claude-code"))
                        assertEquals(RunStatus.RUNNING, run.status)
                        assertEquals(1, run.loops, "a run without loops makes one pass")

                        val started = taskStarted.await()
                        assertEquals(run.id, started.run.id)
                        assertNotNull(started.task, "taskStarted names its task")
                        assertEquals(1, started.task!!.attempt)

                        server.client.stopRun(run.id)
                        val stopped = server.client.getRun(run.id)
                        assertEquals(RunStatus.STOPPED, stopped.status, "runs/stop answers once the run has stopped")
                        assertEquals(RunOutcome.STOPPED, stopped.outcome)
                        assertTrue(stopped.endedAt != null)
                        assertEquals(RunStatus.STOPPED, finished.await().run.status)
                        model.setFault("{}")
                        assertEquals(0, server.shutdown())
                    }
                }
            }
        }
    }
}
