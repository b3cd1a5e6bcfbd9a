package maestro.rider.actions

import com.intellij.openapi.actionSystem.ActionUpdateThread
import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.project.DumbAwareAction
import com.intellij.openapi.project.Project
import maestro.core.host.MaestroHost
import maestro.rider.services.MaestroProjectService

/**
 * The base of Maestro's actions: enabled in a project; its work runs on the project service's scope (it ends
 * with the project) and a failure becomes a notification, decided by the core.
 */
abstract class MaestroAction : DumbAwareAction() {
    override fun getActionUpdateThread(): ActionUpdateThread = ActionUpdateThread.BGT

    override fun update(e: AnActionEvent) {
        e.presentation.isEnabledAndVisible = e.project != null
    }

    /** Runs [block] on the project's scope; [what] names the action in an error. */
    protected fun background(project: Project, what: String, block: suspend (MaestroHost) -> Unit) {
        MaestroProjectService.getInstance(project).launch(what, block)
    }
}
