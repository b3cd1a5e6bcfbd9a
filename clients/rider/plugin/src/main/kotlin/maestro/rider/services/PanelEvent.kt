package maestro.rider.services

import maestro.core.protocol.PermissionRequestParams

/** What the project service tells the tool window: server notifications, permission requests and connection state. */
sealed class PanelEvent {
    /** A server notification, forwarded to the panel as is. */
    data class Notification(val method: String, val params: Any?) : PanelEvent()

    /** A `permissions/request` the panel may answer, under the id of [maestro.core.permissions.PermissionRace]. */
    data class PermissionAsked(val id: String, val request: PermissionRequestParams) : PanelEvent()

    /** Answered somewhere (the notification or another panel): stop asking. */
    data class PermissionSettled(val id: String) : PanelEvent()

    /** Open this session's transcript in the panel (Open Transcript, a new session). */
    data class ShowSession(val sessionId: String) : PanelEvent()

    /** The connection's state in the bridge's words: starting, ready, restarting, stopped. */
    data class State(val state: String, val message: String? = null) : PanelEvent()
}
