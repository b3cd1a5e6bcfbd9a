package maestro.core.panel

import maestro.core.panel.NavigationPolicy.Decision
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/** The embedded browser shows the plugin's page only; links open in the system browser. */
class NavigationPolicyTest {
    private val page = "file:///jbcefbrowser/maestro-panel.html"

    @Test
    fun `only the plugin's page loads, links go to the system browser, the rest is refused`() {
        assertEquals(Decision.ALLOW, NavigationPolicy.decide(page, page))
        assertEquals(Decision.ALLOW, NavigationPolicy.decide("$page#session-1", page))
        assertEquals(Decision.OPEN_EXTERNALLY, NavigationPolicy.decide("https://example.com/x?y=1", page))
        assertEquals(Decision.OPEN_EXTERNALLY, NavigationPolicy.decide("HTTP://example.com", page))
        assertEquals(Decision.OPEN_EXTERNALLY, NavigationPolicy.decide("mailto:a@b.c", page))
        assertEquals(Decision.REFUSE, NavigationPolicy.decide("file:///etc/passwd", page))
        assertEquals(Decision.REFUSE, NavigationPolicy.decide("javascript:alert(1)", page))
        assertEquals(Decision.REFUSE, NavigationPolicy.decide("https:", page))
        assertEquals(Decision.REFUSE, NavigationPolicy.decide(null, page))
        assertTrue(NavigationPolicy.isPluginPage(page, page))
        assertFalse(NavigationPolicy.isPluginPage("https://example.com", page), "the bridge is never injected into another page")
    }
}
