package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent

/** Maestro: New Group Chat — the tool window's panel shows the Chat tab's create-room form (the panel does the rest). */
class NewGroupChatAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project, "New Group Chat") { host -> host.showNewChatInPanel() }
    }
}
