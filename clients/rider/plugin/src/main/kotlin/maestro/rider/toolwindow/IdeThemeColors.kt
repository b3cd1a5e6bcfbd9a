package maestro.rider.toolwindow

import com.intellij.openapi.editor.colors.EditorColorsManager
import com.intellij.ui.JBColor
import maestro.core.panel.ThemeVariables
import java.awt.Color
import javax.swing.UIManager

/**
 * The one mapping table from the IDE's theme to the shared panel's `--vscode-*` variables (the ones its styles read,
 * clients/panel/src/styles/panel.css): Look and Feel keys of the current theme (UIManager, the keys the IntelliJ
 * Platform's themes define, first present one wins) and the editor colour scheme's default background and
 * foreground (EditorColorsManager). A variable whose keys the theme lacks is left out and the panel's fallback
 * applies. [ThemeVariables] (the core) turns the result into the page's stylesheet and its theme-change script.
 */
object IdeThemeColors {
    private sealed interface Source
    private class Ui(vararg val keys: String) : Source
    private object EditorBackground : Source
    private object EditorForeground : Source

    private val table: List<Pair<String, Source>> = listOf(
        "--vscode-editor-background" to EditorBackground,
        "--vscode-editor-foreground" to EditorForeground,
        "--vscode-textCodeBlock-background" to EditorBackground,
        "--vscode-foreground" to Ui("Label.foreground"),
        "--vscode-sideBar-background" to Ui("ToolWindow.background", "Panel.background"),
        "--vscode-descriptionForeground" to Ui("Component.infoForeground", "Label.infoForeground"),
        "--vscode-panel-border" to Ui("Borders.color", "Component.borderColor"),
        "--vscode-focusBorder" to Ui("Component.focusColor"),
        // Buttons: the default (primary) button and the ordinary (secondary) one.
        "--vscode-button-background" to Ui("Button.default.startBackground"),
        "--vscode-button-foreground" to Ui("Button.default.foreground"),
        "--vscode-button-hoverBackground" to Ui("Button.default.endBackground", "Button.default.startBackground"),
        "--vscode-button-secondaryBackground" to Ui("Button.startBackground", "Button.background"),
        "--vscode-button-secondaryForeground" to Ui("Button.foreground"),
        "--vscode-button-secondaryHoverBackground" to Ui("Button.endBackground", "Button.startBackground"),
        "--vscode-button-border" to Ui("Button.startBorderColor"),
        // Status: errors and warnings as the IDE's validation outlines draw them.
        "--vscode-errorForeground" to Ui("Label.errorForeground", "Component.errorFocusColor"),
        "--vscode-editorWarning-foreground" to Ui("Component.warningFocusColor"),
        "--vscode-progressBar-background" to Ui("ProgressBar.progressColor", "Component.focusColor"),
        // Inputs.
        "--vscode-input-background" to Ui("TextField.background"),
        "--vscode-input-foreground" to Ui("TextField.foreground"),
        "--vscode-input-border" to Ui("Component.borderColor"),
        // Lists: the selected session row and the hovered one.
        "--vscode-list-activeSelectionBackground" to Ui("List.selectionBackground"),
        "--vscode-list-activeSelectionForeground" to Ui("List.selectionForeground"),
        "--vscode-list-hoverBackground" to Ui("List.hoverBackground"),
        "--vscode-textLink-foreground" to Ui("Link.activeForeground"),
    )

    /** The current theme's colours by variable (null where the theme has none). Read on the EDT. */
    fun current(): Map<String, Int?> {
        val scheme = EditorColorsManager.getInstance().globalScheme
        return table.associate { (variable, source) ->
            variable to when (source) {
                is Ui -> source.keys.firstNotNullOfOrNull { UIManager.getColor(it) }
                EditorBackground -> scheme.defaultBackground
                EditorForeground -> scheme.defaultForeground
            }?.let(Color::getRGB)
        }
    }

    /** Whether the IDE's theme is a dark one. */
    fun dark(): Boolean = !JBColor.isBright()

    fun stylesheet(): String = ThemeVariables.stylesheet(current(), dark())

    fun script(): String = ThemeVariables.script(current(), dark())
}
