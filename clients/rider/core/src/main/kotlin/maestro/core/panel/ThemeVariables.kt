package maestro.core.panel

import com.google.gson.Gson

/**
 * The IDE's theme for the shared panel, as the `--vscode-*` CSS variables its styles read (clients/panel/src/styles,
 * each with a fallback; docs/vscode.md): so in Rider the panel takes the IDE's colours, as it takes VS Code's there.
 * The plugin reads the colours from the platform (toolwindow/IdeThemeColors, the one mapping table) and this object
 * turns them into the page's first stylesheet and into the script that replaces them when the theme changes.
 * Colours are ARGB ints as `java.awt.Color.getRGB()` gives them; a variable with no colour is left out, so the
 * panel's own fallback applies.
 */
object ThemeVariables {
    private val variableName = Regex("^--vscode-[A-Za-z0-9-]+$")
    private val gson = Gson()

    /** `#rrggbb`, or `#rrggbbaa` for a translucent colour (list selections and hovers often are). */
    fun hex(argb: Int): String {
        val alpha = (argb ushr 24) and 0xff
        val rgb = String.format("#%06x", argb and 0xffffff)
        return if (alpha == 0xff) rgb else rgb + String.format("%02x", alpha)
    }

    /**
     * The variables to set, by name, as CSS values; names that are not `--vscode-*` are refused (they would reach a
     * stylesheet and a script), and colours absent from the theme are left out.
     */
    fun values(colors: Map<String, Int?>): Map<String, String> {
        colors.keys.firstOrNull { !variableName.matches(it) }?.let { throw IllegalArgumentException("not a --vscode-* variable: $it") }
        return colors.entries.mapNotNull { (name, argb) -> argb?.let { name to hex(it) } }.toMap(sortedMapOf())
    }

    /**
     * The page's first stylesheet (in its nonce'd `<style id="maestro-theme">`), so the first paint is already in the
     * IDE's colours; `color-scheme` gives the page's scrollbars and form controls the theme's light or dark.
     */
    fun stylesheet(colors: Map<String, Int?>, dark: Boolean): String =
        values(colors).entries.joinToString(" ", prefix = ":root { color-scheme: ${scheme(dark)}; ", postfix = " }") { (name, value) -> "$name: $value;" }

    /**
     * The script run in the page after a theme change (LafManagerListener, EditorColorsListener): drops the first
     * stylesheet and every `--vscode-*` set before (a variable the new theme lacks falls back again), sets the new
     * ones on the root element (the CSSOM, which the page's CSP allows), and marks the body `vscode-dark` or
     * `vscode-light` as VS Code does.
     */
    fun script(colors: Map<String, Int?>, dark: Boolean): String {
        val json = gson.toJson(values(colors))
        return """
            (function (vars, scheme) {
              var first = document.getElementById('maestro-theme');
              if (first) first.remove();
              var style = document.documentElement.style;
              for (var i = style.length - 1; i >= 0; i--) if (style[i].indexOf('--vscode-') === 0) style.removeProperty(style[i]);
              Object.keys(vars).forEach(function (name) { style.setProperty(name, vars[name]); });
              style.colorScheme = scheme;
              if (document.body) {
                document.body.classList.toggle('vscode-dark', scheme === 'dark');
                document.body.classList.toggle('vscode-light', scheme === 'light');
              }
            })($json, '${scheme(dark)}');
        """.trimIndent()
    }

    /** The body classes of the first page, as [script] sets them later. */
    fun bodyClass(dark: Boolean): String = "vscode-${scheme(dark)}"

    private fun scheme(dark: Boolean) = if (dark) "dark" else "light"
}
