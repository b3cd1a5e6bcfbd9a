package maestro.core.host

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import maestro.core.MaestroClient
import maestro.core.panel.NotificationFanOut
import maestro.core.permissions.PermissionRace
import maestro.core.protocol.ClientCapabilities
import maestro.core.protocol.ClientInfo
import maestro.core.protocol.InitializeParams
import maestro.core.protocol.Methods
import maestro.core.protocol.PROTOCOL_VERSION
import maestro.core.protocol.ReviewChangedNotification
import maestro.core.protocol.Session
import maestro.core.protocol.SessionChangedNotification
import maestro.core.protocol.SessionEventNotification
import maestro.core.requests.ClientSettings
import maestro.core.requests.Requests
import maestro.core.review.RepoPaths
import maestro.core.review.ReviewModel
import maestro.core.server.ConnectionState
import maestro.core.server.LocatedServer
import maestro.core.server.MaestroServerProcess
import maestro.core.server.MaestroSupervisor
import maestro.core.server.RestartPolicy
import maestro.core.server.ServerLocator
import maestro.core.server.ServerNotFoundException
import maestro.core.sessions.SessionHistorySource
import maestro.core.sessions.SessionPick
import maestro.core.sessions.SessionPicker
import maestro.core.sessions.SessionPurpose
import maestro.core.sessions.SessionStore
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList

/**
 * Everything one IDE project's Maestro client decides, without the IDE: the server connection (started once,
 * restarted when it dies or when the executable changes), the session store, the notification fan-out to the
 * panels, the permission race, the current session and session picking, the review models, and the params of
 * every action. The plugin's project service holds one and binds it to platform APIs; tests drive it against a
 * real `maestro`.
 */
class MaestroHost(
    /** The project folder (system-independent or not): new sessions, playbooks and the review start here. */
    val workspaceFolder: String,
    clientInfo: ClientInfo,
    /** The project's scope: every coroutine of the host ends with it. */
    val scope: CoroutineScope,
    settings: ClientSettings,
    /** A process for these settings (the executable is [ClientSettings.executable]). */
    private val processFactory: (ClientSettings) -> MaestroServerProcess,
    policy: RestartPolicy = RestartPolicy(),
    private val connectTimeoutMillis: Long = 30_000,
) {
    @Volatile
    var settings: ClientSettings = settings
        private set

    private val listeners = CopyOnWriteArrayList<(HostEvent) -> Unit>()
    private val reviews = ConcurrentHashMap<String, ReviewModel>()

    /** Every server notification; the store and the review models listen first, then the panels. */
    val notifications = NotificationFanOut()

    /** Permission requests shown in a notification and in every open panel at once; the first answer wins. */
    val permissions = PermissionRace { id, _ -> fire(HostEvent.PermissionSettled(id)) }

    val store = SessionStore(
        SessionHistorySource { id, after, limit -> requireClient().history(id, after, limit) },
        scope,
    )

    /** The session the panel has open (`sessionSelected`): the one the actions act on first. */
    @Volatile
    var selectedSessionId: String? = null

    val supervisor = MaestroSupervisor(
        processFactory = { processFactory(this.settings) },
        initializeParams = InitializeParams(
            protocolVersion = PROTOCOL_VERSION,
            clientInfo = clientInfo,
            workspaceFolders = listOf(workspaceFolder),
            capabilities = ClientCapabilities(permissions = true, inlineDiff = true),
        ),
        scope = scope,
        policy = policy,
        configure = ::configure,
        onState = ::onState,
    )

    init {
        notifications.on(Methods.SESSIONS_EVENT, SessionEventNotification::class.java) { store.accept(it) }
        notifications.on(Methods.SESSIONS_CHANGED, SessionChangedNotification::class.java) { if (it.deleted) store.removeSession(it.session.id) else store.updateSession(it.session) }
        notifications.on(Methods.REVIEW_CHANGED, ReviewChangedNotification::class.java) { changed ->
            // Only the models of that repository refresh; a model whose root is unknown yet asks.
            reviews.values.forEach { model -> scope.launch { runCatching { if (model.concerns(changed)) model.refresh() } } }
        }
        notifications.onAny { method, params -> fire(HostEvent.Notification(method, params)) }
    }

    val state: ConnectionState get() = supervisor.state

    /** Starts the server unless it runs (or starts) already; safe to call from several places at once. */
    fun ensureStarted() = supervisor.ensureStarted()

    /** The connected client, starting the server first if needed; waits on the connection state, never polls. */
    suspend fun requireClient(): MaestroClient {
        ensureStarted()
        return withTimeout(connectTimeoutMillis) { supervisor.awaitClient() }
    }

    /** Stops and starts the server (Restart Server, or a new executable). */
    suspend fun restart() = supervisor.restart()

    /** Takes new settings; a new executable restarts a running server, the rest applies to the next request. */
    fun applySettings(next: ClientSettings) {
        val previous = settings
        settings = next
        if (previous.requiresRestart(next) && state !is ConnectionState.Stopped) scope.launch { restart() }
    }

    /** Ends the server without blocking the caller (the project is closing). */
    fun dispose() {
        supervisor.stopDetached()
    }

    fun addListener(listener: (HostEvent) -> Unit): () -> Unit {
        listeners += listener
        return { listeners -= listener }
    }

    /** The session an action acts on, from the server's current list (the store is updated with it). */
    suspend fun pickSession(purpose: SessionPurpose): SessionPick {
        val sessions = requireClient().listSessions().sessions
        sessions.forEach(store::updateSession)
        return SessionPicker.pick(sessions, selectedSessionId, purpose)
    }

    /** Remembers the user's pick (from a popup) as the current session. */
    fun picked(session: Session) {
        selectedSessionId = session.id
    }

    /** New Session: the default (or first available) agent in the project folder, with the settings' permission mode. */
    suspend fun createSession(name: String? = null): Session {
        val client = requireClient()
        val agentId = Requests.agentId(settings, if (settings.agent == null) client.agents().agents else emptyList())
        val session = client.createSession(Requests.sessionCreate(settings, agentId, workspaceFolder, name))
        store.updateSession(session)
        selectedSessionId = session.id
        return session
    }

    /** The agent a Playbook run uses. */
    suspend fun agentForRun(): String {
        val client = requireClient()
        return Requests.agentId(settings, if (settings.agent == null) client.agents().agents else emptyList())
    }

    /** Opens a session in every open panel; it becomes the current one. */
    fun showInPanel(sessionId: String) {
        selectedSessionId = sessionId
        fire(HostEvent.ShowSession(sessionId))
    }

    /** Opens the Chat tab's create-room form in every open panel (Maestro: New Group Chat). */
    fun showNewChatInPanel() {
        fire(HostEvent.ShowNewChat)
    }

    /** A New Session asked while no panel may be listening yet: the next panel to load opens the form (once). */
    @Volatile
    private var pendingNewSession = false

    /**
     * Opens the panel's new-session form in every open panel and, once, in the next one to load (the tool window
     * opened by New Session): the one New Session flow, as in VS Code.
     */
    fun showNewSessionInPanel() {
        pendingNewSession = true
        fire(HostEvent.ShowNewSession)
    }

    /** Whether a panel that just loaded must still open the new-session form; taken once. */
    fun takePendingNewSession(): Boolean = pendingNewSession.also { pendingNewSession = false }

    /** The tab Show Stats asked for: a panel that loads afterwards (the tool window opened by the action) shows it too. */
    @Volatile
    var shownTab: String? = null
        private set

    /** Shows one of the panel's tabs ("stats") in every open panel and in the next one to load. */
    fun showTab(tab: String) {
        shownTab = tab
        fire(HostEvent.ShowTab(tab))
    }

    /** A Run Playbook asked while no panel may be listening yet: the next panel to load opens it (once). */
    @Volatile
    private var pendingStartRun: HostEvent.ShowStartRun? = null

    /**
     * Opens the panel's start-a-run screen in every open panel and, once, in the next one to load (the tool window
     * opened by Run Playbook): the playbook (a playbook, one of its documents or a folder above it) picked there, the
     * agent, worktree, loops, budget and permission mode chosen with their explanations.
     */
    fun showStartRun(playbook: String? = null) {
        val event = HostEvent.ShowStartRun(playbook)
        pendingStartRun = event
        fire(event)
    }

    /** The start-a-run screen a panel that just loaded must still open; taken once. */
    fun takePendingStartRun(): HostEvent.ShowStartRun? = pendingStartRun.also { pendingStartRun = null }

    /** Where the review happens: the current session's worktree or folder, else the project folder. */
    fun reviewCwd(): String = selectedSessionId?.let(store::session)?.let { it.worktree ?: it.cwd } ?: workspaceFolder

    /** The review model of the repository holding [cwd]; one per folder asked about. */
    fun review(cwd: String = reviewCwd()): ReviewModel =
        reviews.computeIfAbsent(RepoPaths.normalize(cwd)) { ReviewModel(cwd) { requireClient() } }

    /** Every review model made so far (the gutter markers show their files). */
    fun reviews(): List<ReviewModel> = reviews.values.toList()

    /** The connection's state in the panel bridge's words. */
    fun panelState(): String = panelState(state)

    private fun configure(client: MaestroClient) {
        notifications.attach(client.connection)
        client.onPermissionRequest { request ->
            permissions.ask(request) { id -> fire(HostEvent.PermissionAsked(id, request)) }
        }
    }

    private fun onState(next: ConnectionState) {
        if (next is ConnectionState.Connected) {
            scope.launch {
                runCatching {
                    next.client.listSessions().sessions.forEach(store::updateSession)
                    // After a restart only the transcripts this client holds catch up, each from its last seq:
                    // a session nobody opened loads nothing.
                    store.transcriptIds().forEach { store.load(it) }
                }
            }
        }
        val message = when (next) {
            is ConnectionState.Failed -> next.reason
            is ConnectionState.Restarting -> "The server stopped (exit ${next.exitCode}); restarting."
            else -> null
        }
        fire(HostEvent.State(panelState(next), message))
    }

    private fun fire(event: HostEvent) = listeners.forEach { runCatching { it(event) } }

    companion object {
        fun panelState(state: ConnectionState): String = when (state) {
            is ConnectionState.Connected -> "ready"
            is ConnectionState.Starting -> "starting"
            is ConnectionState.Restarting -> "restarting"
            else -> "stopped"
        }

        /**
         * A process of the server [ServerLocator] finds for [settings]: the configured path (or `MAESTRO_BIN`), the
         * server bundled under [pluginPath] for this platform, or `maestro` on PATH. Throws [ServerNotFoundException]
         * with the fix when there is none.
         */
        fun defaultProcess(settings: ClientSettings, logFile: java.io.File?, workingDirectory: java.io.File?, pluginPath: String? = null) = MaestroServerProcess(
            executable = when (val located = ServerLocator.locate(ServerLocator.systemLookup(settings.executable, pluginPath))) {
                is LocatedServer.Found -> located.path
                is LocatedServer.Missing -> throw ServerNotFoundException(located.message)
            },
            logFile = logFile,
            workingDirectory = workingDirectory,
        )
    }
}
