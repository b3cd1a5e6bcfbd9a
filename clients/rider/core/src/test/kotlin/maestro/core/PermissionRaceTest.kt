package maestro.core

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import maestro.core.permissions.PermissionRace
import maestro.core.protocol.PermissionOption
import maestro.core.protocol.PermissionOptionKind
import maestro.core.protocol.PermissionRequestParams
import maestro.core.protocol.PermissionResponse
import maestro.core.protocol.PermissionToolCall
import org.junit.jupiter.api.Test
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/** A permission request shown in a notification and in the panel at once: the first answer wins. */
class PermissionRaceTest {
    private val request = PermissionRequestParams(
        sessionId = "s_1",
        toolCall = PermissionToolCall("t1", "Write hello.txt", "edit"),
        options = listOf(
            PermissionOption("allow", "Allow once", PermissionOptionKind.ALLOW_ONCE),
            PermissionOption("reject", "Reject", PermissionOptionKind.REJECT_ONCE),
        ),
    )

    @Test
    fun `the first answer wins, the second is refused and every place is told it is settled`() = runBlocking {
        val settled = CopyOnWriteArrayList<Pair<String, PermissionResponse>>()
        val race = PermissionRace { id, response -> settled += id to response }
        val published = CompletableDeferred<String>()
        val answer = async { race.ask(request) { id -> published.complete(id) } }
        val id = withTimeout(5_000) { published.await() }
        assertEquals(setOf(id), race.pending().keys)
        assertTrue(race.answer(id, PermissionResponse(optionId = "reject")), "the panel answers first")
        assertFalse(race.answer(id, PermissionResponse(optionId = "allow")), "the notification is too late")
        assertEquals("reject", answer.await().optionId)
        assertEquals(listOf(id to PermissionResponse(optionId = "reject")), settled.toList())
        assertTrue(race.pending().isEmpty())
    }

    @Test
    fun `a withdrawn request is settled as cancelled and unknown ids are refused`() = runBlocking {
        val settled = CopyOnWriteArrayList<Pair<String, PermissionResponse>>()
        val race = PermissionRace { id, response -> settled += id to response }
        val published = CompletableDeferred<String>()
        val answer = async { race.ask(request) { id -> published.complete(id) } }
        val id = withTimeout(5_000) { published.await() }
        answer.cancel()
        answer.join()
        assertEquals(listOf(id to PermissionResponse(cancelled = true)), settled.toList())
        assertFalse(race.answer(id, PermissionResponse(optionId = "allow")))
        assertFalse(race.answer("perm-unknown", PermissionResponse(optionId = "allow")))
    }
}
