package maestro.rider.services

import com.intellij.ide.plugins.PluginManagerCore
import com.intellij.openapi.Disposable
import com.intellij.openapi.application.PathManager
import com.intellij.openapi.components.Service
import com.intellij.openapi.components.service
import com.intellij.openapi.extensions.PluginId
import com.intellij.openapi.project.Project
import com.intellij.openapi.project.guessProjectDir
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import maestro.core.errors.ErrorMessages
import maestro.core.host.HostEvent
import maestro.core.host.MaestroHost
import maestro.core.protocol.ClientInfo
import maestro.rider.permissions.PermissionNotifier
import maestro.rider.review.ReviewController
import maestro.rider.runs.RunNotifier
import maestro.rider.settings.MaestroSettings
import maestro.rider.ui.Notifier
import java.io.File

/**
 * This project's Maestro client: one core [MaestroHost] (connection, store, panels, review models, every decision)
 * bound to the project. All work runs on the coroutine scope the platform gives this service, which ends with the
 * project; a failure becomes a notification through the core's [ErrorMessages], never the IDE's error reporter.
 */
@Service(Service.Level.PROJECT)
class MaestroProjectService(private val project: Project, private val scope: CoroutineScope) : Disposable {
    /** The project folder: where new sessions, playbooks and reviews start. */
    val projectDir: String get() = project.guessProjectDir()?.path ?: project.basePath ?: System.getProperty("user.home")

    val host = MaestroHost(
        workspaceFolder = projectDir,
        clientInfo = ClientInfo("maestro-rider", pluginVersion()),
        scope = scope,
        settings = MaestroSettings.getInstance().clientSettings(),
        processFactory = { settings -> MaestroHost.defaultProcess(settings, serverLogFile(), File(projectDir).takeIf { it.isDirectory }, pluginPath()) },
    )

    private val permissionNotifier = PermissionNotifier(project, host)
    private val runNotifier = RunNotifier(project, this)

    init {
        host.addListener { event ->
            when (event) {
                is HostEvent.PermissionAsked -> permissionNotifier.show(event.id, event.request)
                is HostEvent.PermissionSettled -> permissionNotifier.settled(event.id)
                else -> Unit
            }
        }
        host.notifications.on(maestro.core.protocol.Methods.REVIEW_CHANGED, maestro.core.protocol.ReviewChangedNotification::class.java) {
            ReviewController.getInstance(project).reviewChanged()
        }
        // Gates, failures and ends of Playbook runs as balloons, started here or anywhere (a `maestro run`, another editor).
        host.notifications.on(maestro.core.protocol.Methods.RUNS_PROGRESS, maestro.core.protocol.RunProgressNotification::class.java) {
            runNotifier.progress(it)
        }
    }

    /** Runs [block] on this project's scope; a failure is shown as a notification prefixed with [what]. */
    fun launch(what: String, block: suspend (MaestroHost) -> Unit): Job = scope.launch {
        try {
            block(host)
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            Notifier.show(project, ErrorMessages.of(e, what))
        }
    }

    override fun dispose() {
        // Never blocks the closing project: the server gets shutdown/exit from a daemon thread. Turns this
        // connection started end with it (the server aborts a prompt whose client went away); docs/rider.md.
        host.dispose()
    }

    private fun pluginVersion(): String = PluginManagerCore.getPlugin(PluginId.getId("dev.maestro.rider"))?.version ?: "dev"

    /** The plugin's installed folder, where the ZIP put a server per platform (`server/<target>/`). */
    private fun pluginPath(): String? = PluginManagerCore.getPlugin(PluginId.getId("dev.maestro.rider"))?.pluginPath?.toString()

    companion object {
        fun getInstance(project: Project): MaestroProjectService = project.service()

        /** Where the server's stderr goes: the IDE's log folder. */
        fun serverLogFile(): File = File(PathManager.getLogPath(), "maestro-server.log")
    }
}
