package maestro.rider.actions

import com.intellij.ide.BrowserUtil
import com.intellij.openapi.actionSystem.AnActionEvent
import maestro.core.protocol.RemoteStartParams
import maestro.rider.ui.Notifier

/** Maestro: Start Remote Access — starts the phone page and opens its URL. */
class StartRemoteAccessAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project, "Start Remote Access") { host ->
            val result = host.requireClient().startRemote(RemoteStartParams(lan = true))
            Notifier.info(project, "Remote access: ${result.url}")
            BrowserUtil.browse(result.url)
        }
    }
}
