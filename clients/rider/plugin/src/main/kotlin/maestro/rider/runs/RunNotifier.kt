package maestro.rider.runs

import com.intellij.notification.Notification
import com.intellij.notification.NotificationAction
import com.intellij.notification.NotificationGroupManager
import com.intellij.notification.NotificationType
import com.intellij.openapi.application.ApplicationManager
import com.intellij.openapi.project.Project
import com.intellij.openapi.util.text.StringUtil
import com.intellij.openapi.wm.ToolWindowManager
import maestro.core.protocol.RunProgressNotification
import maestro.core.runs.RunNotice
import maestro.core.runs.RunNotices
import maestro.rider.services.MaestroProjectService
import maestro.rider.toolwindow.IdeHostActions
import maestro.rider.ui.Notifier

/**
 * Rider's side of the core's [RunNotices] (VS Code's RunGateNotices and RunEndNotices): a balloon for a run at a HITL
 * gate (Approve, Show Run), a failed run (Open Transcript, Retry with Bypass when a refusal was the cause, Open
 * Playbook), and any other end while the Maestro tool window is hidden (Show Run). The core decides; this only shows.
 */
class RunNotifier(private val project: Project, private val service: MaestroProjectService) {
    private val notices = RunNotices()

    /** A `runs/progress` notification, from any thread: the tool window's visibility is read on the EDT. */
    fun progress(progress: RunProgressNotification) {
        ApplicationManager.getApplication().invokeLater({
            val visible = ToolWindowManager.getInstance(project).getToolWindow(TOOL_WINDOW_ID)?.isVisible == true
            notices.of(progress, visible)?.let(::show)
        }, project.disposed)
    }

    private fun show(notice: RunNotice) {
        val type = when (notice) {
            is RunNotice.Gate -> NotificationType.WARNING
            is RunNotice.Failed -> NotificationType.ERROR
            is RunNotice.Ended -> NotificationType.INFORMATION
        }
        val notification = NotificationGroupManager.getInstance()
            .getNotificationGroup(Notifier.GROUP_ID)
            .createNotification("Maestro: Playbook run", StringUtil.escapeXmlEntities(notice.text), type)
        val run = notice.run
        when (notice) {
            is RunNotice.Gate -> {
                notification.addAction(NotificationAction.createSimpleExpiring("Approve") {
                    service.launch("Approve") { host -> host.requireClient().approveRun(run.id) }
                })
                notification.addAction(NotificationAction.createSimpleExpiring("Show Run") { showRuns() })
            }
            is RunNotice.Failed -> {
                notice.transcriptSessionId?.let { sessionId ->
                    notification.addAction(NotificationAction.createSimpleExpiring("Open Transcript") {
                        service.host.showInPanel(sessionId)
                        activateToolWindow()
                    })
                }
                if (notice.canRetryWithBypass) {
                    notification.addAction(NotificationAction.createSimpleExpiring("Retry with Bypass") {
                        service.launch("Retry with Bypass") { host -> host.requireClient().runPlaybook(RunNotices.retryWithBypass(run)) }
                    })
                }
                notification.addAction(NotificationAction.createSimpleExpiring("Open Playbook") {
                    service.launch("Open Playbook") { IdeHostActions(project).openFile(run.playbook) }
                })
            }
            is RunNotice.Ended -> notification.addAction(NotificationAction.createSimpleExpiring("Show Run") { showRuns() })
        }
        notification.notify(project)
    }

    /** The panel's Playbook runs tab, in the tool window (a panel that loads on this opening gets the tab on its `ready`). */
    private fun showRuns() {
        service.host.showTab("runs")
        activateToolWindow()
    }

    private fun activateToolWindow() {
        ToolWindowManager.getInstance(project).getToolWindow(TOOL_WINDOW_ID)?.activate(null)
    }

    private companion object {
        const val TOOL_WINDOW_ID = "Maestro"
    }
}
