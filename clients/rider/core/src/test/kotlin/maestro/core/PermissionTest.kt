package maestro.core

import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import maestro.core.protocol.PermissionMode
import maestro.core.protocol.PermissionOptionKind
import maestro.core.protocol.PermissionRequestParams
import maestro.core.protocol.PermissionResponse
import maestro.core.protocol.SessionCreateParams
import maestro.core.protocol.SessionEvent
import maestro.core.protocol.SessionEventNotification
import maestro.core.protocol.StopReason
import maestro.core.support.ModelServer
import maestro.core.support.Sandbox
import maestro.core.support.TestServer
import org.junit.jupiter.api.Test
import java.io.File
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/** The ACP agent asks for permission; the server asks this client with `permissions/request`; the client answers. */
class PermissionTest {
    @Test
    fun `a permission request from an ACP agent is answered by the client`() = runBlocking {
        ModelServer().use { model ->
            Sandbox().use { sandbox ->
                sandbox.configureClaude("acp:claude", "claude-agent-acp", model.modelUrl)
                val asked = CopyOnWriteArrayList<PermissionRequestParams>()
                val events = CopyOnWriteArrayList<SessionEventNotification>()
                TestServer(sandbox, "permissions").start { client ->
                    client.onSessionEvent { events += it }
                    client.onPermissionRequest { request ->
                        asked += request
                        PermissionResponse(optionId = request.options.first { it.kind == PermissionOptionKind.ALLOW_ONCE }.id)
                    }
                }.use { server ->
                    withTimeout(240_000) {
                        server.initialize(permissions = true)
                        val session = server.client.createSession(
                            SessionCreateParams(agentId = "acp:claude", cwd = sandbox.repo.path, permissionMode = PermissionMode.ASK),
                        )
                        val target = File(sandbox.repo, "asked.txt")
                        model.enqueueTurn("""[{"tool":"Write","args":{"file_path":"${target.path}","content":"allowed\n"}},{"text":"done"}]""")
                        val result = server.client.prompt(session.id, "Write asked.txt")
                        assertEquals(StopReason.END_TURN, result.stopReason)
                        assertTrue(asked.isNotEmpty(), "the server asked this client")
                        assertEquals(session.id, asked.first().sessionId)
                        assertTrue(asked.first().toolCall.title.isNotBlank())
                        assertEquals("allowed\n", target.readText())
                        val recorded = events.mapNotNull { it.event as? SessionEvent.PermissionRequest }
                        assertTrue(recorded.isNotEmpty(), "the transcript records the permission request")
                        assertEquals(0, server.shutdown())
                    }
                }
            }
        }
    }
}
