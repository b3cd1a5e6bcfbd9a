package maestro.core.host

import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import maestro.core.requests.ClientSettings
import maestro.core.server.ConnectionState
import maestro.core.support.Repo
import maestro.core.support.Sandbox
import maestro.core.support.TestHost
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files
import kotlin.test.assertEquals
import kotlin.test.assertNotSame
import kotlin.test.assertTrue

/** The connection as a project holds it: one server however many callers, restart on a new executable, a stop that never blocks. */
class HostLifecycleTest {
    @Test
    fun `many callers at once start one server`() = runBlocking {
        Sandbox().use { sandbox ->
            TestHost(sandbox).use { t ->
                withTimeout(60_000) {
                    val clients = (1..8).map { async(kotlinx.coroutines.Dispatchers.IO) { t.host.requireClient() } }.awaitAll()
                    assertEquals(1, clients.toSet().size)
                    assertEquals(1, t.processes.size, "one process, not one per caller")
                    assertEquals(false, t.host.ensureStarted(), "running already")
                    assertEquals(1, t.sent("initialize").size)
                }
            }
        }
    }

    @Test
    fun `a new server path restarts the server with it, other settings do not`() = runBlocking {
        Sandbox().use { sandbox ->
            val link = File(sandbox.root, "maestro-link")
            Files.createSymbolicLink(link.toPath(), File(Repo.maestro).absoluteFile.toPath())
            TestHost(sandbox).use { t ->
                withTimeout(90_000) {
                    val first = t.host.requireClient()
                    t.host.applySettings(t.host.settings.copy(defaultAgent = "codex", permissionMode = "ask"))
                    assertEquals(1, t.processes.size)
                    assertTrue(t.host.state is ConnectionState.Connected)

                    t.host.applySettings(t.host.settings.copy(serverPath = link.path))
                    val second = t.host.supervisor.states.first { it is ConnectionState.Connected && it.client !== first } as ConnectionState.Connected
                    assertNotSame(first, second.client)
                    assertEquals(link.path, t.processes.last().first)
                    assertTrue(first.connection.isClosed, "the old server was stopped")
                    assertEquals(2, t.processes.size)
                    second.client.listSessions()
                }
            }
        }
    }

    @Test
    fun `stopping for a closing project returns at once and the server still ends`() = runBlocking {
        Sandbox().use { sandbox ->
            TestHost(sandbox).use { t ->
                withTimeout(60_000) {
                    t.host.requireClient()
                    val process = t.processes.single().second
                    val started = System.nanoTime()
                    t.host.dispose()
                    val tookMillis = (System.nanoTime() - started) / 1_000_000
                    assertTrue(tookMillis < 500, "dispose took $tookMillis ms")
                    assertEquals(ConnectionState.Stopped, t.host.state)
                    assertEquals(0, process.waitFor(30_000), "shutdown and exit end the server with 0")
                }
            }
        }
    }

    @Test
    fun `a server path that names nothing fails at once with the fix, without restarting`() = runBlocking {
        val scope = kotlinx.coroutines.CoroutineScope(kotlinx.coroutines.SupervisorJob() + kotlinx.coroutines.Dispatchers.IO)
        try {
            val missing = "/nonexistent/maestro-${System.nanoTime()}"
            val host = MaestroHost(
                workspaceFolder = System.getProperty("java.io.tmpdir"),
                clientInfo = maestro.core.protocol.ClientInfo("maestro-rider-core-tests", "0.1.0"),
                scope = scope,
                settings = ClientSettings(serverPath = missing),
                processFactory = { s -> MaestroHost.defaultProcess(s, null, null, pluginPath = null) },
            )
            val failure = withTimeout(10_000) { kotlin.runCatching { host.requireClient() }.exceptionOrNull() }
            assertTrue(failure != null && missing in failure.message.orEmpty() && "Settings | Tools | Maestro" in failure.message.orEmpty(), failure?.message)
            val state = host.state
            assertTrue(state is ConnectionState.Failed && "died too often" !in state.reason, "no restart loop for a missing binary: $state")
        } finally {
            scope.cancel()
        }
    }
}
