package maestro.rider.actions

import com.intellij.ide.BrowserUtil
import com.intellij.openapi.actionSystem.AnActionEvent
import maestro.core.protocol.RemoteStartParams

/** Maestro: Start Remote Access — starts the phone page and opens its URL. */
class StartRemoteAccessAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project) { service ->
            val result = service.requireClient().startRemote(RemoteStartParams(lan = true))
            notify(project, "Remote access: ${result.url}")
            BrowserUtil.browse(result.url)
        }
    }
}
