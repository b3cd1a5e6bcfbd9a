package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import maestro.core.protocol.RunStatus
import maestro.core.protocol.RunsListParams
import maestro.core.requests.Requests
import maestro.rider.ui.Notifier

/** Maestro: Stop Run — stops the most recent running Playbook run. */
class StopRunAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project, "Stop Run") { host ->
            val client = host.requireClient()
            val run = Requests.runToStop(client.runs(RunsListParams(status = RunStatus.RUNNING)).runs)
            if (run == null) {
                Notifier.info(project, "No Playbook run is running")
                return@background
            }
            // runs/stop answers null once the run has stopped; the panel hears runs/progress.
            client.stopRun(run.id)
            Notifier.info(project, "Stopped run ${run.id} (${run.playbook})")
        }
    }
}
