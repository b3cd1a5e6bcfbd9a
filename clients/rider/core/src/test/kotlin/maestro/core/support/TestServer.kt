package maestro.core.support

import maestro.core.MaestroClient
import maestro.core.protocol.ClientCapabilities
import maestro.core.protocol.ClientInfo
import maestro.core.protocol.InitializeParams
import maestro.core.protocol.InitializeResult
import maestro.core.protocol.PROTOCOL_VERSION
import maestro.core.rpc.JsonRpcConnection
import maestro.core.rpc.MessageTrace
import maestro.core.server.MaestroServerProcess
import java.io.File
import java.util.concurrent.ConcurrentLinkedQueue

/**
 * A real `maestro serve --stdio --in-process` with its own MAESTRO_HOME. Every frame is kept in [frames]
 * (and appended to `$MAESTRO_RECORD_DIR/<name>.jsonl` when that is set, to capture recorded exchanges).
 */
class TestServer(val sandbox: Sandbox, name: String) : AutoCloseable {
    val frames = ConcurrentLinkedQueue<Pair<Boolean, String>>()
    private val record: File? = System.getenv("MAESTRO_RECORD_DIR")?.let { File(it, "$name.jsonl").apply { parentFile.mkdirs(); delete() } }
    private val trace = MessageTrace { outgoing, json ->
        frames += outgoing to json
        record?.appendText((if (outgoing) "> " else "< ") + json + "\n")
    }
    val process = MaestroServerProcess(
        executable = Repo.maestro,
        inProcess = true,
        environment = mapOf("MAESTRO_HOME" to sandbox.maestroHome.path),
        logFile = File(sandbox.root, "maestro-stderr.log"),
        trace = trace,
    )
    lateinit var client: MaestroClient
        private set

    /** Starts the server; [configure] registers handlers before any message is read. */
    fun start(configure: (MaestroClient) -> Unit = {}): TestServer {
        process.start(beforeStart = { connection: JsonRpcConnection -> client = MaestroClient(connection).also(configure) })
        return this
    }

    suspend fun initialize(permissions: Boolean = false): InitializeResult = client.initialize(
        InitializeParams(
            protocolVersion = PROTOCOL_VERSION,
            clientInfo = ClientInfo("maestro-rider-core-tests", "0.1.0"),
            workspaceFolders = listOf(sandbox.repo.path),
            capabilities = ClientCapabilities(permissions = permissions, inlineDiff = true),
        ),
    )

    /** `shutdown` then `exit`; returns the process's exit code. */
    suspend fun shutdown(): Int? {
        client.shutdown()
        client.exit()
        return process.waitFor(10_000)
    }

    override fun close() = process.close()
}
