package maestro.core

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import maestro.core.protocol.ClientInfo
import maestro.core.protocol.InitializeParams
import maestro.core.protocol.PROTOCOL_VERSION
import maestro.core.server.ConnectionState
import maestro.core.server.MaestroServerProcess
import maestro.core.server.MaestroSupervisor
import maestro.core.server.RestartPolicy
import maestro.core.support.Repo
import maestro.core.support.Sandbox
import org.junit.jupiter.api.Test
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.test.assertEquals
import kotlin.test.assertNotSame
import kotlin.test.assertSame
import kotlin.test.assertNull
import kotlin.test.assertTrue

class SupervisorTest {
    @Test
    fun `the restart policy backs off and gives up after too many restarts`() {
        var now = 0L
        val policy = RestartPolicy(maxRestarts = 3, windowMillis = 1_000, baseDelayMillis = 100, clock = { now })
        assertEquals(listOf(100L, 200L, 400L), List(3) { policy.nextDelay() })
        assertNull(policy.nextDelay())
        now = 5_000
        assertEquals(100L, policy.nextDelay())
    }

    @Test
    fun `a server that dies is restarted and initialized again`() = runBlocking {
        val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
        Sandbox().use { sandbox ->
            val processes = CopyOnWriteArrayList<MaestroServerProcess>()
            val states = CopyOnWriteArrayList<ConnectionState>()
            val supervisor = MaestroSupervisor(
                processFactory = {
                    MaestroServerProcess(Repo.maestro, inProcess = true, environment = mapOf("MAESTRO_HOME" to sandbox.maestroHome.path))
                        .also { processes += it }
                },
                initializeParams = InitializeParams(protocolVersion = PROTOCOL_VERSION, clientInfo = ClientInfo("supervisor-test")),
                scope = scope,
                policy = RestartPolicy(baseDelayMillis = 50),
                onState = { states += it },
            )
            try {
                withTimeout(60_000) {
                    supervisor.start()
                    val first = supervisor.awaitClient()
                    processes.single().kill()
                    val second = (supervisor.states.first { it is ConnectionState.Connected && it.client !== first } as ConnectionState.Connected).client
                    assertSame(second, supervisor.awaitClient())
                    assertNotSame(first, second)
                    assertEquals(2, processes.size)
                    assertTrue(states.any { it is ConnectionState.Restarting })
                    assertTrue(supervisor.client!!.listSessions().sessions.isEmpty())
                    supervisor.stop()
                    assertTrue(supervisor.state is ConnectionState.Stopped)
                }
            } finally {
                processes.forEach { it.close() }
                scope.cancel()
            }
        }
    }
}
