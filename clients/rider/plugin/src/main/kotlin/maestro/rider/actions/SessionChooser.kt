package maestro.rider.actions

import com.intellij.openapi.project.Project
import maestro.core.host.MaestroHost
import maestro.core.protocol.Session
import maestro.core.sessions.SessionPick
import maestro.core.sessions.SessionPicker
import maestro.core.sessions.SessionPurpose
import maestro.rider.ui.Notifier
import maestro.rider.ui.Popups

/** Carries out the core's [SessionPick]: the only UI here is the popup when the core says to ask. */
object SessionChooser {
    suspend fun pick(project: Project, host: MaestroHost, purpose: SessionPurpose): Session? =
        when (val pick = host.pickSession(purpose)) {
            is SessionPick.Use -> pick.session
            is SessionPick.Ask -> Popups.choose(project, purpose.title, pick.candidates, SessionPicker::label)?.also(host::picked)
            SessionPick.CreateNew -> host.createSession()
            is SessionPick.NoneFor -> {
                Notifier.info(project, pick.message)
                null
            }
        }
}
