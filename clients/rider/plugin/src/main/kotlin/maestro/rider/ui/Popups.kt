package maestro.rider.ui

import com.intellij.openapi.application.UI
import com.intellij.openapi.project.Project
import com.intellij.openapi.ui.popup.JBPopupFactory
import com.intellij.openapi.ui.popup.JBPopupListener
import com.intellij.openapi.ui.popup.LightweightWindowEvent
import com.intellij.ui.SimpleListCellRenderer
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/** A list popup whose choice a coroutine awaits. */
object Popups {
    /**
     * Shows [items] and returns the one chosen, or null when the popup is cancelled or closed.
     *
     * The platform calls the item callback as the popup's final runnable, after `onClosed` (AbstractPopup.dispose
     * runs it when focus settles), so `onClosed` must not answer for an OK close: it completes only a cancel
     * (`isOk` false), and the item callback completes the choice. `complete` is first-wins either way. The caller
     * runs on the project service's scope, so a popup that never answers holds nothing past the project.
     */
    suspend fun <T : Any> choose(project: Project, title: String, items: List<T>, label: (T) -> String): T? {
        val chosen = CompletableDeferred<T?>()
        withContext(Dispatchers.UI) {
            JBPopupFactory.getInstance()
                .createPopupChooserBuilder(items)
                .setTitle(title)
                .setRenderer(SimpleListCellRenderer.create("") { label(it) })
                .setItemChosenCallback { chosen.complete(it) }
                .addListener(object : JBPopupListener {
                    override fun onClosed(event: LightweightWindowEvent) {
                        if (!event.isOk) chosen.complete(null)
                    }
                })
                .createPopup()
                .showCenteredInCurrentWindow(project)
        }
        return chosen.await()
    }
}
