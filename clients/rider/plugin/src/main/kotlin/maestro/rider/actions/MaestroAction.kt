package maestro.rider.actions

import com.intellij.notification.NotificationGroupManager
import com.intellij.notification.NotificationType
import com.intellij.openapi.actionSystem.ActionUpdateThread
import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.project.DumbAwareAction
import com.intellij.openapi.project.Project
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import maestro.core.rpc.JsonRpcException
import maestro.rider.services.MaestroProjectService

/** The base of Maestro's actions: enabled in a project; runs its work off the EDT and reports failures. */
abstract class MaestroAction : DumbAwareAction() {
    override fun getActionUpdateThread(): ActionUpdateThread = ActionUpdateThread.BGT

    override fun update(e: AnActionEvent) {
        e.presentation.isEnabledAndVisible = e.project != null
    }

    protected fun service(e: AnActionEvent): MaestroProjectService? = e.project?.let { MaestroProjectService.getInstance(it) }

    /** Runs [block] in the background; a JSON-RPC error becomes an error balloon. */
    protected fun background(project: Project, block: suspend (MaestroProjectService) -> Unit) {
        val service = MaestroProjectService.getInstance(project)
        scope.launch {
            try {
                block(service)
            } catch (e: JsonRpcException) {
                notify(project, e.message ?: "Maestro request failed", NotificationType.ERROR)
            } catch (e: Exception) {
                notify(project, e.message ?: e.toString(), NotificationType.ERROR)
            }
        }
    }

    companion object {
        private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO)

        fun notify(project: Project, text: String, type: NotificationType = NotificationType.INFORMATION) =
            NotificationGroupManager.getInstance().getNotificationGroup("Maestro").createNotification(text, type).notify(project)
    }
}
