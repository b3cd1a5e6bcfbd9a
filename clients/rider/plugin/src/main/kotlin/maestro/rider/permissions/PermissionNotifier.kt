package maestro.rider.permissions

import com.intellij.notification.NotificationAction
import com.intellij.notification.NotificationGroupManager
import com.intellij.notification.NotificationType
import com.intellij.openapi.project.Project
import com.intellij.openapi.util.text.StringUtil
import maestro.core.permissions.PermissionRace
import maestro.core.protocol.PermissionRequestParams
import maestro.core.protocol.PermissionResponse
import maestro.rider.services.MaestroProjectService
import maestro.rider.services.PanelEvent

/**
 * Shows a `permissions/request` as a sticky balloon with one button per option. The answer goes to the
 * [PermissionRace], which the panel joins too: whichever answers first wins, and the balloon closes when the request
 * is settled elsewhere. Dismissing the balloon answers nothing; the panel still asks.
 */
class PermissionNotifier(private val project: Project) {
    fun show(id: String, request: PermissionRequestParams, race: PermissionRace) {
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
                NotificationAction.createSimpleExpiring(option.label) { race.answer(id, PermissionResponse(optionId = option.id)) },
            )
        }
        val listener: (PanelEvent) -> Unit = { event -> if (event is PanelEvent.PermissionSettled && event.id == id) notification.expire() }
        val service = MaestroProjectService.getInstance(project)
        service.addPanelListener(listener)
        notification.whenExpired { service.removePanelListener(listener) }
        notification.notify(project)
    }

    companion object {
        const val GROUP_ID = "Maestro Permissions"
    }
}
