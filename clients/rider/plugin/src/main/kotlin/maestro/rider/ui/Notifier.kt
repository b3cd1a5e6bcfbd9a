package maestro.rider.ui

import com.intellij.notification.NotificationGroupManager
import com.intellij.notification.NotificationType
import com.intellij.openapi.project.Project
import maestro.core.errors.UserMessage

/** Balloons of the "Maestro" notification group (plugin.xml). */
object Notifier {
    const val GROUP_ID = "Maestro"

    fun info(project: Project, text: String) = notify(project, text, NotificationType.INFORMATION)

    fun show(project: Project, message: UserMessage) =
        notify(project, message.text, if (message.isError) NotificationType.ERROR else NotificationType.WARNING)

    private fun notify(project: Project, text: String, type: NotificationType) {
        if (project.isDisposed) return
        NotificationGroupManager.getInstance().getNotificationGroup(GROUP_ID).createNotification(text, type).notify(project)
    }
}
