package maestro.core.host

import com.google.gson.JsonElement
import maestro.core.protocol.PermissionRequestParams

/** What [MaestroHost] tells the IDE's views (the panels, the notifications, the Swing fallback). */
sealed class HostEvent {
    /** A server notification, as it came: the panel gets every one. */
    data class Notification(val method: String, val params: JsonElement?) : HostEvent()

    /** A `permissions/request` to show, under the id of [maestro.core.permissions.PermissionRace]. */
    data class PermissionAsked(val id: String, val request: PermissionRequestParams) : HostEvent()

    /** Answered somewhere (the notification or a panel): stop asking. */
    data class PermissionSettled(val id: String) : HostEvent()

    /** Open this session's transcript in the panels (Open Transcript, a new session). */
    data class ShowSession(val sessionId: String) : HostEvent()

    /** Open the Chat tab's create-room form in the panels (New Group Chat). */
    object ShowNewChat : HostEvent()

    /** Open the panel's new-session form (New Session): agent, folder and its Advanced step, the same in every editor. */
    object ShowNewSession : HostEvent()

    /** Show one of the panel's tabs (Show Stats: "stats"). */
    data class ShowTab(val tab: String) : HostEvent()

    /** Open the panel's start-a-run screen, [playbook] picked when given (Run Playbook). */
    data class ShowStartRun(val playbook: String?) : HostEvent()

    /** The connection's state in the panel bridge's words: starting, ready, restarting, stopped. */
    data class State(val state: String, val message: String? = null) : HostEvent()
}
