package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent

/** Maestro: Restart Server — stops this project's `maestro serve --stdio` and starts it again (the daemon stays). */
class RestartServerAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project, "Restart Server") { host -> host.restart() }
    }
}
