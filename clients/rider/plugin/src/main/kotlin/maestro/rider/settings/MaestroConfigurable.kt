package maestro.rider.settings

import com.intellij.openapi.fileChooser.FileChooserDescriptorFactory
import com.intellij.openapi.options.Configurable
import com.intellij.openapi.project.ProjectManager
import com.intellij.openapi.ui.ComboBox
import com.intellij.openapi.ui.TextFieldWithBrowseButton
import com.intellij.ui.components.JBTextField
import com.intellij.util.ui.FormBuilder
import maestro.rider.services.MaestroProjectService
import javax.swing.JComponent
import javax.swing.JPanel

/** Settings | Tools | Maestro: server path, default agent, permission mode. */
class MaestroConfigurable : Configurable {
    private val serverPath = TextFieldWithBrowseButton().apply {
        addBrowseFolderListener(null, FileChooserDescriptorFactory.singleFile().withTitle("Maestro Executable"))
    }
    private val defaultAgent = JBTextField()
    private val permissionMode = ComboBox(arrayOf("ask", "acceptEdits", "bypass"))
    private var panel: JPanel? = null

    override fun getDisplayName(): String = "Maestro"

    override fun createComponent(): JComponent {
        val built = FormBuilder.createFormBuilder()
            .addLabeledComponent("Server path (empty: the server bundled with the plugin, else maestro on PATH):", serverPath)
            .addLabeledComponent("Default agent (empty: the first available):", defaultAgent)
            .addLabeledComponent("Permission mode of new sessions:", permissionMode)
            .addComponentFillVertically(JPanel(), 0)
            .panel
        panel = built
        reset()
        return built
    }

    private val options get() = MaestroSettings.getInstance().state

    override fun isModified(): Boolean =
        serverPath.text != (options.serverPath ?: "") ||
            defaultAgent.text != (options.defaultAgent ?: "") ||
            permissionMode.selectedItem != options.permissionMode

    override fun apply() {
        options.serverPath = serverPath.text.trim()
        options.defaultAgent = defaultAgent.text.trim()
        options.permissionMode = permissionMode.selectedItem as String
        // The core decides what a change needs: a new executable restarts each open project's server.
        val next = MaestroSettings.getInstance().clientSettings()
        for (project in ProjectManager.getInstance().openProjects) {
            if (!project.isDisposed) MaestroProjectService.getInstance(project).host.applySettings(next)
        }
    }

    override fun reset() {
        serverPath.text = options.serverPath ?: ""
        defaultAgent.text = options.defaultAgent ?: ""
        permissionMode.selectedItem = options.permissionMode ?: "acceptEdits"
    }

    override fun disposeUIResources() {
        panel = null
    }
}
