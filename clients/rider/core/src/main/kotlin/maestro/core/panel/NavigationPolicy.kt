package maestro.core.panel

/**
 * What the embedded browser does with a navigation. Only the page the plugin loaded itself may be shown, and only
 * it gets the host bridge; a link (from an agent's message, say) opens in the system browser instead, and
 * anything else is refused. Without this, a link in a transcript would navigate the panel to that web page and
 * the bridge would be injected into it: any page could then send JSON-RPC to the local server.
 */
object NavigationPolicy {
    enum class Decision { ALLOW, OPEN_EXTERNALLY, REFUSE }

    /** The schemes handed to the system browser; everything else (file:, javascript:, custom) is refused. */
    private val external = setOf("http", "https", "mailto")

    fun decide(url: String?, pageUrl: String): Decision {
        if (url.isNullOrBlank()) return Decision.REFUSE
        if (samePage(url, pageUrl)) return Decision.ALLOW
        val scheme = url.substringBefore(':', "").lowercase()
        return if (scheme in external && url.length > scheme.length + 1) Decision.OPEN_EXTERNALLY else Decision.REFUSE
    }

    /** True for the plugin's own page: the host bridge is installed there and nowhere else. */
    fun isPluginPage(url: String?, pageUrl: String): Boolean = url != null && samePage(url, pageUrl)

    // An in-page anchor (#...) stays the same page.
    private fun samePage(url: String, pageUrl: String) = url.substringBefore('#') == pageUrl.substringBefore('#')
}
