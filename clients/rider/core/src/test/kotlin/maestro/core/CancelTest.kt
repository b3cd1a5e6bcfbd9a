package maestro.core

import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import maestro.core.protocol.PermissionMode
import maestro.core.protocol.SessionCreateParams
import maestro.core.protocol.SessionEvent
import maestro.core.protocol.SessionEventNotification
import maestro.core.protocol.SessionStatus
import maestro.core.protocol.StopReason
import maestro.core.support.ModelServer
import maestro.core.support.Sandbox
import maestro.core.support.TestServer
import org.junit.jupiter.api.Test
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/** A turn against a model that never answers is stopped by `sessions/cancel`, and by cancelling the prompt's coroutine. */
class CancelTest {
    private suspend fun awaitRunning(events: List<SessionEventNotification>, sessionId: String) {
        while (events.none { it.sessionId == sessionId && (it.event as? SessionEvent.Status)?.status == SessionStatus.RUNNING }) delay(50)
    }

    @Test
    fun `sessions cancel ends a hanging turn and coroutine cancellation sends cancelRequest`() = runBlocking {
        ModelServer().use { model ->
            Sandbox().use { sandbox ->
                sandbox.configureClaude("claude-code", "claude", model.modelUrl)
                val events = CopyOnWriteArrayList<SessionEventNotification>()
                TestServer(sandbox, "cancel").start { client -> client.onSessionEvent { events += it } }.use { server ->
                    withTimeout(240_000) {
                        server.initialize()
                        model.setFault("""{"hang":true}""")
                        val session = server.client.createSession(
                            SessionCreateParams(agentId = "claude-code", cwd = sandbox.repo.path, permissionMode = PermissionMode.BYPASS),
                        )

                        // 1. sessions/cancel
                        val prompt = async { server.client.prompt(session.id, "This will hang") }
                        awaitRunning(events, session.id)
                        server.client.cancel(session.id)
                        assertEquals(StopReason.CANCELLED, prompt.await().stopReason)

                        // 2. cancelling the coroutine that awaits sessions/prompt sends $/cancelRequest, which cancels the turn
                        events.clear()
                        val second = async { server.client.prompt(session.id, "This will hang too") }
                        awaitRunning(events, session.id)
                        second.cancel()
                        while (events.none { (it.event as? SessionEvent.Status)?.stopReason == StopReason.CANCELLED }) delay(50)
                        assertTrue(server.frames.any { (out, json) -> out && json.contains("\"\$/cancelRequest\"") })
                        model.setFault("{}")
                        assertEquals(0, server.shutdown())
                    }
                }
            }
        }
    }
}
