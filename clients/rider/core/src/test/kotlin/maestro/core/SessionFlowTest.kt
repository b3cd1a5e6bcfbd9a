package maestro.core

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import maestro.core.protocol.PermissionMode
import maestro.core.protocol.SessionCreateParams
import maestro.core.protocol.SessionEvent
import maestro.core.protocol.SessionEventNotification
import maestro.core.protocol.SessionStatus
import maestro.core.protocol.StopReason
import maestro.core.sessions.SessionHistorySource
import maestro.core.sessions.SessionStore
import maestro.core.support.ModelServer
import maestro.core.support.Sandbox
import maestro.core.support.TestServer
import org.junit.jupiter.api.Test
import java.io.File
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/** A real Claude Code session through the real server, against the scripted model server. */
class SessionFlowTest {
    private fun writeStep(file: File, content: String) =
        """[{"tool":"Write","args":{"file_path":"${file.path}","content":"$content"}},{"text":"Wrote **${file.name}**."}]"""

    @Test
    fun `create and prompt a session, events arrive in order and match history`() = runBlocking {
        runScenario(name = "sessions", dropSeqs = emptySet()) { store, sessionId, received ->
            val transcript = store.transcript(sessionId)
            assertEquals(0, transcript.gapsFilled)
            assertEquals(received.map { it.seq }, (1L..received.size).toList(), "notifications arrive with contiguous seq")
        }
    }

    @Test
    fun `a forced gap is filled from sessions history`() = runBlocking {
        runScenario(name = "gap", dropSeqs = setOf(2L, 3L)) { store, sessionId, received ->
            assertTrue(received.none { it.seq == 2L || it.seq == 3L }, "the test dropped seq 2 and 3")
            assertEquals(1, store.transcript(sessionId).gapsFilled)
        }
    }

    private suspend fun runScenario(
        name: String,
        dropSeqs: Set<Long>,
        check: (SessionStore, String, List<SessionEventNotification>) -> Unit,
    ) {
        val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
        ModelServer().use { model ->
            Sandbox().use { sandbox ->
                sandbox.configureClaude("claude-code", "claude", model.modelUrl)
                val received = CopyOnWriteArrayList<SessionEventNotification>()
                lateinit var store: SessionStore
                TestServer(sandbox, name).start { client ->
                    store = SessionStore(SessionHistorySource { id, after, limit -> client.history(id, after, limit) }, scope, pageSize = 2)
                    client.onSessionEvent { n ->
                        if (n.seq in dropSeqs) return@onSessionEvent
                        received += n
                        store.accept(n)
                    }
                    client.onSessionChanged { store.updateSession(it.session) }
                }.use { server ->
                    withTimeout(240_000) {
                        server.initialize()
                        val session = server.client.createSession(
                            SessionCreateParams(agentId = "claude-code", cwd = sandbox.repo.path, permissionMode = PermissionMode.BYPASS),
                        )
                        assertEquals(SessionStatus.IDLE, session.status)
                        val target = File(sandbox.repo, "from-kotlin.txt")
                        model.enqueueTurn(writeStep(target, "written through maestro\\n"))
                        val result = server.client.prompt(session.id, "Write from-kotlin.txt")
                        assertEquals(StopReason.END_TURN, result.stopReason)
                        assertEquals("written through maestro\n", target.readText())

                        val current = server.client.getSession(session.id)
                        store.flush()
                        val events = store.transcript(session.id).events()
                        assertEquals((1L..current.lastSeq).toList(), events.map { it.seq }, "the store holds every event in order")
                        assertTrue(events.any { it.event is SessionEvent.ToolCall })
                        assertTrue(events.any { (it.event as? SessionEvent.Message)?.html?.contains("<strong>from-kotlin.txt</strong>") == true })
                        assertTrue(events.first().event is SessionEvent.Prompt)

                        val history = server.client.history(session.id, 0, 5000)
                        assertEquals(history.events.map { it.seq to it.event.type }, events.map { it.seq to it.event.type })
                        assertEquals(history.events, events, "the typed events equal what history returns")
                        check(store, session.id, received)
                        assertEquals(0, server.shutdown())
                    }
                }
            }
        }
        scope.cancel()
    }
}
