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
            val run = client.runs(RunsListParams(status = RunStatus.RUNNING)).runs.firstOrNull()
            if (run == null) {
                notify(project, "No Playbook run is running")
                return@background
            }
            // runs/stop answers null; the run ends on its own once the current task is cancelled.
            client.stopRun(run.id)
            notify(project, "Stopping run ${run.id} (${run.playbook})")
        }
    }
}
