package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import maestro.core.protocol.RunStatus
import maestro.core.protocol.RunsListParams

/** Maestro: Stop Run — stops the (most recent) running Playbook run. */
class StopRunAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project) { service ->
            val client = service.requireClient()
            val run = client.runs(RunsListParams(RunStatus.RUNNING)).runs.firstOrNull()
            if (run == null) {
                notify(project, "No Playbook run is running")
                return@background
            }
            val stopped = client.stopRun(run.id)
            notify(project, "Run ${stopped.id} ${stopped.status.name.lowercase()}")
        }
    }
}
