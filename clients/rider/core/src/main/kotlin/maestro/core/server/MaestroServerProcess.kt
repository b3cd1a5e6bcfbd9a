package maestro.core.server

import maestro.core.rpc.JsonRpcConnection
import maestro.core.rpc.MessageTrace
import java.io.File
import java.util.concurrent.TimeUnit

/**
 * Spawns `maestro serve --stdio` (optionally `--in-process`), connects a [JsonRpcConnection] to its stdio and
 * sends its stderr to [logFile]. [onExit] runs when the process ends, with its exit code.
 */
class MaestroServerProcess(
    private val executable: String,
    private val inProcess: Boolean = false,
    private val environment: Map<String, String> = emptyMap(),
    private val logFile: File? = null,
    private val workingDirectory: File? = null,
    private val trace: MessageTrace? = null,
) : AutoCloseable {
    private var process: Process? = null

    var connection: JsonRpcConnection? = null
        private set

    val isAlive: Boolean get() = process?.isAlive == true

    /** Starts the process and returns the (started) connection; handlers can be added before [JsonRpcConnection.start]. */
    fun start(beforeStart: (JsonRpcConnection) -> Unit = {}, onExit: (Int) -> Unit = {}): JsonRpcConnection {
        check(process == null) { "already started" }
        val command = mutableListOf(executable, "serve", "--stdio")
        if (inProcess) command += "--in-process"
        val builder = ProcessBuilder(command)
        builder.environment().putAll(environment)
        workingDirectory?.let { builder.directory(it) }
        if (logFile != null) {
            logFile.parentFile?.mkdirs()
            builder.redirectError(ProcessBuilder.Redirect.appendTo(logFile))
        } else {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD)
        }
        val started = builder.start()
        process = started
        val rpc = JsonRpcConnection(started.inputStream, started.outputStream, trace)
        beforeStart(rpc)
        rpc.start()
        connection = rpc
        started.onExit().thenAccept { onExit(it.exitValue()) }
        return rpc
    }

    /** Waits for the process to exit and returns its exit code, or null on timeout. */
    fun waitFor(timeoutMillis: Long): Int? {
        val p = process ?: return null
        return if (p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) p.exitValue() else null
    }

    /** Kills the process at once (what a crash looks like to the client). */
    fun kill() {
        process?.destroyForcibly()
    }

    override fun close() {
        connection?.close()
        process?.let { p ->
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.descendants().forEach { it.destroy() }
                p.destroy()
                if (!p.waitFor(3, TimeUnit.SECONDS)) p.destroyForcibly()
            }
        }
    }
}
