package maestro.core.support

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import maestro.core.host.MaestroHost
import maestro.core.protocol.ClientInfo
import maestro.core.requests.ClientSettings
import maestro.core.rpc.MessageTrace
import maestro.core.server.MaestroServerProcess
import java.io.File
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.CopyOnWriteArrayList

/**
 * A [MaestroHost] as the plugin's project service holds one, over real `maestro serve --stdio --in-process`
 * processes with the sandbox's MAESTRO_HOME. Every frame is kept in [frames]; every process started in
 * [processes] with the executable it ran.
 */
class TestHost(
    val sandbox: Sandbox,
    workspaceFolder: File = sandbox.repo,
    settings: ClientSettings = ClientSettings(serverPath = Repo.maestro, defaultAgent = "claude-code"),
) : AutoCloseable {
    val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO)
    val frames = ConcurrentLinkedQueue<Pair<Boolean, String>>()
    val processes = CopyOnWriteArrayList<Pair<String, MaestroServerProcess>>()

    val host = MaestroHost(
        workspaceFolder = workspaceFolder.path,
        clientInfo = ClientInfo("maestro-rider-core-tests", "0.1.0"),
        scope = scope,
        settings = settings,
        processFactory = { s ->
            val executable = s.executable ?: Repo.maestro
            MaestroServerProcess(
                executable = executable,
                inProcess = true,
                environment = mapOf("MAESTRO_HOME" to sandbox.maestroHome.path),
                logFile = File(sandbox.root, "maestro-stderr.log"),
                trace = MessageTrace { outgoing, json -> frames += outgoing to json },
            ).also { processes += executable to it }
        },
    )

    /** The outgoing requests of [method], as JSON text. */
    fun sent(method: String): List<String> = frames.filter { it.first && it.second.contains("\"method\":\"$method\"") }.map { it.second }

    override fun close() {
        host.supervisor.stopDetached().join(15_000)
        processes.forEach { it.second.close() }
        scope.cancel()
    }
}
