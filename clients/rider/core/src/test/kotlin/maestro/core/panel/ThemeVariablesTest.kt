package maestro.core.panel

import com.google.gson.JsonParser
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/** The IDE's colours become the panel's `--vscode-*` variables: on the first paint, and again on a theme change. */
class ThemeVariablesTest {
    private val darcula = mapOf(
        "--vscode-editor-background" to 0xff2b2b2b.toInt(),
        "--vscode-button-background" to 0xff365880.toInt(),
        // A translucent selection keeps its alpha.
        "--vscode-list-activeSelectionBackground" to 0x802f65ca.toInt(),
        // Not in this theme: left out, so the panel's fallback applies.
        "--vscode-list-hoverBackground" to null,
    )

    @Test
    fun `colours are css hex, translucent ones with their alpha, absent ones left out`() {
        assertEquals("#2b2b2b", ThemeVariables.hex(0xff2b2b2b.toInt()))
        assertEquals("#000000", ThemeVariables.hex(0xff000000.toInt()))
        assertEquals("#2f65ca80", ThemeVariables.hex(0x802f65ca.toInt()))
        assertEquals(
            mapOf("--vscode-button-background" to "#365880", "--vscode-editor-background" to "#2b2b2b", "--vscode-list-activeSelectionBackground" to "#2f65ca80"),
            ThemeVariables.values(darcula),
        )
    }

    @Test
    fun `the first stylesheet sets every colour and the scheme on the root`() {
        val css = ThemeVariables.stylesheet(darcula, dark = true)
        assertEquals(":root { color-scheme: dark; --vscode-button-background: #365880; --vscode-editor-background: #2b2b2b; --vscode-list-activeSelectionBackground: #2f65ca80; }", css)
        assertFalse(css.contains("hoverBackground"))
        assertEquals("vscode-light", ThemeVariables.bodyClass(dark = false))
    }

    @Test
    fun `the theme-change script carries the values as JSON, drops the old ones and switches the body class`() {
        val script = ThemeVariables.script(darcula, dark = false)
        val json = script.substringAfterLast("})(").substringBeforeLast(", 'light');")
        val vars = JsonParser.parseString(json).asJsonObject
        assertEquals(setOf("--vscode-button-background", "--vscode-editor-background", "--vscode-list-activeSelectionBackground"), vars.keySet())
        assertEquals("#2f65ca80", vars.get("--vscode-list-activeSelectionBackground").asString)
        assertTrue(script.contains("getElementById('maestro-theme')"), "the first stylesheet goes, or its values would outlive the theme")
        assertTrue(script.contains("removeProperty"), "a variable the new theme lacks falls back again")
        assertTrue(script.endsWith("})($json, 'light');"))
    }

    @Test
    fun `only --vscode- names reach the page`() {
        assertFailsWith<IllegalArgumentException> { ThemeVariables.values(mapOf("--vscode-x; } body { display: none" to 0)) }
        assertFailsWith<IllegalArgumentException> { ThemeVariables.script(mapOf("color" to 0), dark = true) }
    }
}
