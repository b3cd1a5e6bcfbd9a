package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent

/** Maestro: New Session — the default agent in the project folder, with the configured permission mode. */
class NewSessionAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project) { service ->
            val session = service.createSession()
            notify(project, "Maestro session \"${session.name}\" started with ${session.agentId}")
        }
    }
}
