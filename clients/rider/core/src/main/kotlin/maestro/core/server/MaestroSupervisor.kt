package maestro.core.server

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull
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

    /** Each start is a generation; a restart scheduled by an older one does nothing (no second server). */
    @Volatile
    private var generation = 0

    private val lifecycle = Mutex()

    @Synchronized
    fun start() {
        stopping = false
        val gen = ++generation
        // Starting at once, not when the coroutine runs: a caller that waits right after start() must not see
        // the Stopped or Failed of before.
        setState(ConnectionState.Starting)
        scope.launch { launchServer(gen) }
    }

    /**
     * Starts the server unless it is starting, running or restarting already; true when this call started it.
     * Atomic, so two callers at once (two actions, a tool window and an action) start one server, not two.
     */
    @Synchronized
    fun ensureStarted(): Boolean {
        val now = state
        if (now !is ConnectionState.Stopped && now !is ConnectionState.Failed) return false
        start()
        return true
    }

    /** Stops the server politely and starts a new one (the user asked, or the executable changed). */
    suspend fun restart() = lifecycle.withLock {
        stop()
        policy.reset()
        start()
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

    private suspend fun launchServer(gen: Int) {
        if (gen != generation || stopping) return
        setState(ConnectionState.Starting)
        val process = try {
            processFactory()
        } catch (e: ServerNotFoundException) {
            // Nothing a restart would change: say what fixes it, at once.
            setState(ConnectionState.Failed(e.message ?: "the Maestro server was not found"))
            return
        }
        current = process
        try {
            var client: MaestroClient? = null
            process.start(
                beforeStart = { connection -> client = MaestroClient(connection).also(configure) },
                onExit = { code -> onExit(gen, process, code) },
            )
            val result = withTimeout(30_000) { client!!.initialize(initializeParams) }
            if (gen != generation || stopping) {
                // Stopped (or started again) while this one was starting: it is nobody's server.
                process.close()
                return
            }
            setState(ConnectionState.Connected(client!!, result))
        } catch (e: Exception) {
            process.close()
            if (!stopping && gen == generation) scheduleRestart(gen, -1, e.message ?: e.toString())
        }
    }

    private fun onExit(gen: Int, process: MaestroServerProcess, code: Int) {
        if (stopping || process !== current || gen != generation) return
        scheduleRestart(gen, code, "the server exited with $code")
    }

    private fun scheduleRestart(gen: Int, code: Int, reason: String) {
        val wait = policy.nextDelay()
        if (wait == null) {
            setState(ConnectionState.Failed("$reason; it died too often to restart"))
            return
        }
        setState(ConnectionState.Restarting(code, wait))
        scope.launch {
            delay(wait)
            launchServer(gen)
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

    /**
     * Stops without making the caller wait (an IDE closing a project must not freeze): the state is Stopped at
     * once, and a daemon thread sends `shutdown` and `exit` and ends the process, within [timeoutMillis] plus
     * the process's own end. Returns that thread, for whoever wants to wait for the end.
     */
    fun stopDetached(timeoutMillis: Long = 3_000): Thread {
        stopping = true
        val process = current
        val client = client
        setState(ConnectionState.Stopped)
        return Thread({
            runBlocking {
                if (client != null) {
                    withTimeoutOrNull(timeoutMillis) { runCatching { client.shutdown() } }
                    runCatching { client.exit() }
                }
            }
            process?.close()
        }, "maestro-stop").apply { isDaemon = true; start() }
    }

    private fun setState(next: ConnectionState) {
        if (stateFlow.value == next) return
        stateFlow.value = next
        onState(next)
    }
}
