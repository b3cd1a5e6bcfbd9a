package maestro.core.server

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import maestro.core.MaestroClient
import maestro.core.protocol.InitializeParams

/**
 * Owns one server process and its connection: starts it, initializes it, and starts a new one (per [policy])
 * when it dies unexpectedly. [configure] registers notification and request handlers on each new client before
 * its reader starts; [onState] hears every state change.
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

    @Volatile
    var state: ConnectionState = ConnectionState.Stopped
        private set

    val client: MaestroClient? get() = (state as? ConnectionState.Connected)?.client

    fun start() {
        stopping = false
        scope.launch { launchServer() }
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
        state = next
        onState(next)
    }
}
