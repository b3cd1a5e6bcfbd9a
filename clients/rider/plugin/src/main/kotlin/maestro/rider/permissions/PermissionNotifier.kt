package maestro.rider.permissions

import com.intellij.notification.NotificationAction
import com.intellij.notification.NotificationGroupManager
import com.intellij.notification.NotificationType
import com.intellij.openapi.project.Project
import com.intellij.openapi.util.text.StringUtil
import kotlinx.coroutines.CompletableDeferred
import maestro.core.protocol.PermissionRequestParams
import maestro.core.protocol.PermissionResponse

/**
 * Shows a `permissions/request` as a sticky balloon with one button per option and suspends until the user
 * picks one; a balloon dismissed without a choice answers `{cancelled: true}`.
 */
class PermissionNotifier(private val project: Project) {
    suspend fun ask(request: PermissionRequestParams): PermissionResponse {
        val answer = CompletableDeferred<PermissionResponse>()
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
                NotificationAction.createSimpleExpiring(option.label) { answer.complete(PermissionResponse.choose(option.id)) },
            )
        }
        notification.whenExpired { answer.complete(PermissionResponse.cancel()) }
        notification.notify(project)
        return try {
            answer.await()
        } finally {
            notification.expire()
        }
    }

    companion object {
        const val GROUP_ID = "Maestro Permissions"
    }
}
