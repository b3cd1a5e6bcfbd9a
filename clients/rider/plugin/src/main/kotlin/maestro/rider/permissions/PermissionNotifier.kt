package maestro.rider.permissions

import com.intellij.notification.Notification
import com.intellij.notification.NotificationAction
import com.intellij.notification.NotificationGroupManager
import com.intellij.notification.NotificationType
import com.intellij.openapi.project.Project
import com.intellij.openapi.util.text.StringUtil
import maestro.core.host.MaestroHost
import maestro.core.protocol.PermissionRequestParams
import maestro.core.protocol.PermissionResponse
import java.util.concurrent.ConcurrentHashMap

/**
 * Shows a `permissions/request` as a sticky balloon with one button per option. The answer goes to the core's
 * permission race, which the panels join too: whichever answers first wins, and the balloon expires when the
 * request is settled elsewhere. Dismissing the balloon answers nothing; the panel still asks.
 */
class PermissionNotifier(private val project: Project, private val host: MaestroHost) {
    private val shown = ConcurrentHashMap<String, Notification>()

    fun show(id: String, request: PermissionRequestParams) {
        val input = request.toolCall.input?.toString()?.let { StringUtil.shortenTextWithEllipsis(it, 300, 0) }
        val notification = NotificationGroupManager.getInstance()
            .getNotificationGroup(GROUP_ID)
            .createNotification(
                "Maestro: permission requested",
                buildString {
                    append(StringUtil.escapeXmlEntities(request.toolCall.title))
                    append(" (").append(request.toolCall.kind).append(")")
                    if (input != null) append("<br/><code>").append(StringUtil.escapeXmlEntities(input)).append("</code>")
                },
                NotificationType.WARNING,
            )
        for (option in request.options) {
            notification.addAction(
                NotificationAction.createSimpleExpiring(option.label) { host.permissions.answer(id, PermissionResponse(optionId = option.id)) },
            )
        }
        shown[id] = notification
        notification.whenExpired { shown.remove(id) }
        notification.notify(project)
    }

    /** Answered somewhere: the balloon goes. */
    fun settled(id: String) {
        shown.remove(id)?.expire()
    }

    companion object {
        const val GROUP_ID = "Maestro Permissions"
    }
}
