package maestro.rider.toolwindow

import java.security.SecureRandom
import java.util.Base64

/**
 * The HTML page of the shared panel for JCEF: the bundle (clients/panel/dist, packaged under /panel/dist) inlined
 * under a strict Content Security Policy whose only script and style are the ones carrying this page's nonce.
 * Inlined rather than loaded by URL because JCEF cannot fetch from inside the plugin jar.
 */
object PanelPage {
    /** The URL the page is loaded under (a name only: loadHTML serves the text itself). */
    const val URL = "file:///jbcefbrowser/maestro-panel.html"

    /**
     * The page, or null when the plugin was built without the panel bundle (then the fallback page is used). [theme]
     * is the IDE theme's `--vscode-*` stylesheet (IdeThemeColors), first so the panel's own styles read it, and
     * [bodyClass] its `vscode-dark` or `vscode-light`.
     */
    fun html(theme: String = "", bodyClass: String = ""): String? {
        val script = resource("/panel/dist/panel.js") ?: return null
        val style = resource("/panel/dist/panel.css") ?: ""
        val nonce = nonce()
        // A script's text must not close its own element; the bundle is minified JS, so only this sequence matters.
        val safeScript = script.replace("</script", "<\\/script")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-$nonce'; style-src 'nonce-$nonce'; img-src data:; font-src data:">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Maestro</title>
              <style nonce="$nonce" id="maestro-theme">${theme.replace("</", "<\\/")}</style>
              <style nonce="$nonce">$style</style>
            </head>
            <body class="$bodyClass">
              <div id="maestro-root"></div>
              <script nonce="$nonce">$safeScript</script>
            </body>
            </html>
        """.trimIndent()
    }

    fun fallback(): String = resource("/panel/fallback.html") ?: "<p>Maestro: the panel is missing from this build.</p>"

    private fun resource(path: String): String? = PanelPage::class.java.getResource(path)?.readText()

    private fun nonce(): String = ByteArray(18).also { SecureRandom().nextBytes(it) }.let { Base64.getEncoder().encodeToString(it) }
}
