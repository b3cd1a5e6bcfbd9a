package maestro.core.server

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import maestro.core.MaestroClient
import maestro.core.protocol.InitializeParams

/**
 * Owns one server process and its connection: starts it, initializes it, and starts a new one (per [policy])
 * when it dies unexpectedly. [configure] registers notification and request handlers on each new client before
 * its reader starts; [onState] hears every state change, and [states] holds the current one for whoever waits on
 * it (wait with [awaitClient], never by polling [client]).
 */
class MaestroSupervisor(
    private val processFactory: () -> MaestroServerProcess,
    private val initializeParams: InitializeParams,
    private val scope: CoroutineScope,
    private val policy: RestartPolicy = RestartPolicy(),
    private val configure: (MaestroClient) -> Unit = {},
    private val onState: (ConnectionState) -> Unit = {},
) {
    @Volatile
    private var stopping = false

    @Volatile
    private var current: MaestroServerProcess? = null

    private val stateFlow = MutableStateFlow<ConnectionState>(ConnectionState.Stopped)

    /** The connection's state; a new value on every change. */
    val states: StateFlow<ConnectionState> = stateFlow.asStateFlow()

    val state: ConnectionState get() = stateFlow.value

    val client: MaestroClient? get() = (state as? ConnectionState.Connected)?.client

    fun start() {
        stopping = false
        // Starting at once, not when the coroutine runs: a caller that waits right after start() must not see
        // the Stopped or Failed of before.
        setState(ConnectionState.Starting)
        scope.launch { launchServer() }
    }

    /**
     * The client once the server is connected (at once when it is); throws [IllegalStateException] when the
     * supervisor gives up ([ConnectionState.Failed]). A stopped supervisor may be started again (a restart), so
     * this waits through Stopped: bound it with a timeout.
     */
    suspend fun awaitClient(): MaestroClient =
        when (val settled = states.first { it is ConnectionState.Connected || it is ConnectionState.Failed }) {
            is ConnectionState.Connected -> settled.client
            is ConnectionState.Failed -> throw IllegalStateException("Maestro did not start: ${settled.reason}")
            else -> error("unreachable: $settled")
        }

    private suspend fun launchServer() {
        setState(ConnectionState.Starting)
        val process = processFactory()
        current = process
        try {
            var client: MaestroClient? = null
            process.start(
                beforeStart = { connection -> client = MaestroClient(connection).also(configure) },
                onExit = { code -> onExit(process, code) },
            )
            val result = withTimeout(30_000) { client!!.initialize(initializeParams) }
            setState(ConnectionState.Connected(client!!, result))
        } catch (e: Exception) {
            process.close()
            if (!stopping) scheduleRestart(-1, e.message ?: e.toString())
        }
    }

    private fun onExit(process: MaestroServerProcess, code: Int) {
        if (stopping || process !== current) return
        scheduleRestart(code, "the server exited with $code")
    }

    private fun scheduleRestart(code: Int, reason: String) {
        val wait = policy.nextDelay()
        if (wait == null) {
            setState(ConnectionState.Failed("$reason; it died too often to restart"))
            return
        }
        setState(ConnectionState.Restarting(code, wait))
        scope.launch {
            delay(wait)
            if (!stopping) launchServer()
        }
    }

    /** Ends the connection politely (`shutdown` then `exit`) and stops restarting. */
    suspend fun stop() {
        stopping = true
        val process = current
        val client = client
        if (client != null) {
            runCatching { withTimeout(5_000) { client.shutdown() } }
            runCatching { client.exit() }
        }
        process?.close()
        setState(ConnectionState.Stopped)
    }

    private fun setState(next: ConnectionState) {
        if (stateFlow.value == next) return
        stateFlow.value = next
        onState(next)
    }
}
