package maestro.rider.services

import com.intellij.openapi.Disposable
import com.intellij.openapi.application.PathManager
import com.intellij.openapi.components.Service
import com.intellij.openapi.components.service
import com.intellij.openapi.diagnostic.logger
import com.intellij.openapi.project.Project
import com.intellij.openapi.project.guessProjectDir
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import maestro.core.MaestroClient
import maestro.core.permissions.PermissionRace
import maestro.core.protocol.ClientCapabilities
import maestro.core.protocol.ClientInfo
import maestro.core.protocol.InitializeParams
import maestro.core.protocol.Methods
import maestro.core.protocol.PROTOCOL_VERSION
import maestro.core.protocol.PermissionMode
import maestro.core.protocol.SessionCreateParams
import maestro.core.protocol.SessionEventNotification
import maestro.core.sessions.SessionHistorySource
import maestro.core.sessions.SessionStore
import maestro.core.server.ConnectionState
import maestro.core.server.MaestroServerProcess
import maestro.core.server.MaestroSupervisor
import maestro.rider.permissions.PermissionNotifier
import maestro.rider.review.ReviewController
import maestro.rider.settings.MaestroSettings
import java.io.File
import java.util.concurrent.CopyOnWriteArrayList

/**
 * Owns this project's connection to `maestro serve --stdio`: starts it on first use, restarts it when it dies
 * (core's [MaestroSupervisor] with its restart policy), keeps the [SessionStore] fed, answers permission
 * requests through notifications and forwards everything to the tool window.
 */
@Service(Service.Level.PROJECT)
class MaestroProjectService(private val project: Project, private val scope: CoroutineScope) : Disposable {
    private val log = logger<MaestroProjectService>()
    private val listeners = CopyOnWriteArrayList<(PanelEvent) -> Unit>()

    /** Permission requests shown in a notification and in every open panel at once; the first answer wins. */
    val permissions = PermissionRace { id, _ -> fire(PanelEvent.PermissionSettled(id)) }

    /** The current client; the store survives restarts and refills itself from `sessions/history`. */
    @Volatile
    var client: MaestroClient? = null
        private set

    val store = SessionStore(
        SessionHistorySource { id, after, limit ->
            (client ?: error("Maestro is not connected")).history(id, after, limit)
        },
        scope,
    )

    /** The session the tool window has selected, used by actions that act on "the current session". */
    @Volatile
    var selectedSessionId: String? = null

    val projectDir: String get() = project.guessProjectDir()?.path ?: project.basePath ?: System.getProperty("user.home")

    private val supervisor by lazy {
        MaestroSupervisor(
            processFactory = ::newProcess,
            initializeParams = InitializeParams(
                protocolVersion = PROTOCOL_VERSION,
                clientInfo = ClientInfo("maestro-rider", pluginVersion()),
                workspaceFolders = listOf(projectDir),
                capabilities = ClientCapabilities(permissions = true, inlineDiff = true),
            ),
            scope = scope,
            configure = ::configure,
            onState = ::onState,
        )
    }

    /** Starts the server unless it runs already. */
    fun ensureStarted() {
        if (supervisor.state is ConnectionState.Stopped || supervisor.state is ConnectionState.Failed) supervisor.start()
    }

    /** Stops and starts again (settings changed, or the user asked). */
    fun restart() {
        scope.launch {
            supervisor.stop()
            supervisor.start()
        }
    }

    val state: ConnectionState get() = supervisor.state

    /** Hears every notification, permission request and state change, to forward them to the tool window. */
    fun addPanelListener(listener: (PanelEvent) -> Unit) {
        listeners += listener
    }

    fun removePanelListener(listener: (PanelEvent) -> Unit) {
        listeners -= listener
    }

    /** Opens a session in every open panel; also makes it the current one for the actions. */
    fun showInPanel(sessionId: String) {
        selectedSessionId = sessionId
        fire(PanelEvent.ShowSession(sessionId))
    }

    /** The connection's state in the panel bridge's words. */
    fun panelState(): String = when (supervisor.state) {
        is ConnectionState.Connected -> "ready"
        is ConnectionState.Starting -> "starting"
        is ConnectionState.Restarting -> "restarting"
        else -> "stopped"
    }

    /** The connected client, starting the server first if needed; waits on core's connection state, not a poll. */
    suspend fun requireClient(): MaestroClient {
        ensureStarted()
        return withTimeoutOrNull(30_000) { supervisor.awaitClient() } ?: error("Maestro did not start: ${supervisor.state}")
    }

    suspend fun createSession(name: String? = null) = requireClient().createSession(
        SessionCreateParams(
            agentId = MaestroSettings.getInstance().state.defaultAgent ?: "claude-code",
            cwd = projectDir,
            name = name,
            permissionMode = when (MaestroSettings.getInstance().state.permissionMode) {
                "ask" -> PermissionMode.ASK
                "bypass" -> PermissionMode.BYPASS
                else -> PermissionMode.ACCEPT_EDITS
            },
        ),
    ).also { store.updateSession(it); selectedSessionId = it.id }

    private fun newProcess(): MaestroServerProcess {
        val configured = MaestroSettings.getInstance().state.serverPath?.takeIf { it.isNotBlank() }
        return MaestroServerProcess(
            executable = configured ?: MaestroServerProcess.defaultExecutable(),
            logFile = serverLogFile(),
            workingDirectory = File(projectDir).takeIf { it.isDirectory },
        )
    }

    private fun configure(newClient: MaestroClient) {
        newClient.onSessionEvent { event: SessionEventNotification ->
            store.accept(event)
            fire(PanelEvent.Notification(Methods.SESSIONS_EVENT, event))
        }
        newClient.onSessionChanged {
            store.updateSession(it.session)
            fire(PanelEvent.Notification(Methods.SESSIONS_CHANGED, it))
        }
        newClient.onReviewChanged {
            project.service<ReviewController>().refreshMarkers(it.cwd)
            fire(PanelEvent.Notification(Methods.REVIEW_CHANGED, it))
        }
        newClient.onPermissionRequest { request ->
            permissions.ask(request) { id ->
                fire(PanelEvent.PermissionAsked(id, request))
                PermissionNotifier(project).show(id, request, permissions)
            }
        }
    }

    private fun onState(next: ConnectionState) {
        client = (next as? ConnectionState.Connected)?.client
        if (next is ConnectionState.Connected) {
            scope.launch {
                runCatching {
                    next.client.listSessions().sessions.forEach { store.updateSession(it) }
                    // After a restart, every transcript the store holds catches up from history.
                    store.sessions().forEach { store.load(it.id) }
                }.onFailure { log.warn("could not load sessions", it) }
            }
        }
        if (next is ConnectionState.Failed) log.warn("Maestro server: ${next.reason}")
        fire(PanelEvent.State(panelState(), (next as? ConnectionState.Failed)?.reason ?: (next as? ConnectionState.Restarting)?.let { "The server stopped (exit ${it.exitCode}); restarting." }))
    }

    private fun fire(event: PanelEvent) = listeners.forEach { runCatching { it(event) } }

    private fun pluginVersion(): String =
        com.intellij.ide.plugins.PluginManagerCore.getPlugin(com.intellij.openapi.extensions.PluginId.getId("dev.maestro.rider"))?.version ?: "dev"

    override fun dispose() {
        // The scope is cancelled by the platform after dispose; end the server politely first.
        runBlocking { withTimeoutOrNull(3_000) { supervisor.stop() } }
    }

    companion object {
        fun getInstance(project: Project): MaestroProjectService = project.service()

        /** Where the server's stderr goes: the IDE's log folder. */
        fun serverLogFile(): File = File(PathManager.getLogPath(), "maestro-server.log")
    }
}
