package maestro.core

import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import maestro.core.protocol.ErrorCodes
import maestro.core.protocol.PROTOCOL_VERSION
import maestro.core.rpc.JsonRpcException
import maestro.core.support.Sandbox
import maestro.core.support.TestServer
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class LifecycleTest {
    @Test
    fun `initialize, a typed error, shutdown and exit against the real server`() = runBlocking {
        Sandbox().use { sandbox ->
            TestServer(sandbox, "lifecycle").start().use { server ->
                withTimeout(60_000) {
                    val before = assertFailsWith<JsonRpcException> { server.client.listSessions() }
                    assertEquals(ErrorCodes.SERVER_NOT_INITIALIZED, before.code)

                    val result = server.initialize()
                    assertEquals(PROTOCOL_VERSION, result.protocolVersion)
                    assertEquals("maestro", result.serverInfo.name)
                    assertTrue("sessions" in result.capabilities.features, result.capabilities.features.toString())
                    assertTrue(result.agents.any { it.id == "claude-code" })

                    val missing = assertFailsWith<JsonRpcException> { server.client.getSession("no-such-session") }
                    assertEquals(ErrorCodes.SESSION_NOT_FOUND, missing.code)
                    assertEquals("SessionNotFound", missing.kind)

                    assertEquals(0, server.shutdown())
                }
            }
        }
    }
}
