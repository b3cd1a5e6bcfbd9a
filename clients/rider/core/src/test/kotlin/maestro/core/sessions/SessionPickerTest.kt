package maestro.core.sessions

import maestro.core.protocol.Session
import maestro.core.protocol.SessionStatus
import maestro.core.protocol.Usage
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals

/** Which session an action acts on: a pure function of the list, the panel's selection and the purpose. */
class SessionPickerTest {
    private fun session(id: String, status: SessionStatus, updated: String = "2026-01-0${id.last()}T00:00:00Z") = Session(
        id = id, name = "s-$id", agentId = "claude-code", cwd = "/r", status = status,
        createdAt = "2026-01-01T00:00:00Z", updatedAt = updated, usage = Usage(),
    )

    private val idle1 = session("s1", SessionStatus.IDLE)
    private val running2 = session("s2", SessionStatus.RUNNING)
    private val closed3 = session("s3", SessionStatus.CLOSED)
    private val waiting4 = session("s4", SessionStatus.WAITING)
    private val all = listOf(idle1, running2, closed3, waiting4)

    @Test
    fun `the panel's selection wins when it qualifies, else the user is asked among the candidates, newest first`() {
        assertEquals(SessionPick.Use(idle1), SessionPicker.pick(all, "s1", SessionPurpose.PROMPT))
        assertEquals(SessionPick.Ask(listOf(waiting4, running2, idle1)), SessionPicker.pick(all, null, SessionPurpose.PROMPT))
        // A closed session selected in the panel cannot be prompted: ask instead of using it.
        assertEquals(SessionPick.Ask(listOf(waiting4, running2, idle1)), SessionPicker.pick(all, "s3", SessionPurpose.PROMPT))
        // ...but its transcript opens.
        assertEquals(SessionPick.Use(closed3), SessionPicker.pick(all, "s3", SessionPurpose.TRANSCRIPT))
        // A selection the server no longer lists is ignored.
        assertEquals(SessionPick.Ask(listOf(waiting4, running2, idle1)), SessionPicker.pick(all, "gone", SessionPurpose.CLOSE))
    }

    @Test
    fun `each purpose has its candidates, and a single one is used without asking`() {
        assertEquals(SessionPick.Ask(listOf(waiting4, running2)), SessionPicker.pick(all, "s1", SessionPurpose.CANCEL))
        assertEquals(SessionPick.Use(running2), SessionPicker.pick(listOf(idle1, running2, closed3), null, SessionPurpose.CANCEL))
        assertEquals(SessionPick.Use(idle1), SessionPicker.pick(listOf(idle1, closed3), null, SessionPurpose.CLOSE))
        assertEquals(SessionPick.Ask(listOf(waiting4, closed3, running2, idle1)), SessionPicker.pick(all, null, SessionPurpose.TRANSCRIPT))
    }

    @Test
    fun `with no candidate Prompt Session creates a session and the others say there is none`() {
        assertEquals(SessionPick.CreateNew, SessionPicker.pick(listOf(closed3), null, SessionPurpose.PROMPT))
        assertEquals(SessionPick.CreateNew, SessionPicker.pick(emptyList(), "s1", SessionPurpose.PROMPT))
        assertEquals(SessionPick.NoneFor("No Maestro session is running a turn."), SessionPicker.pick(listOf(idle1, closed3), null, SessionPurpose.CANCEL))
        assertEquals(SessionPick.NoneFor("No open Maestro session to close."), SessionPicker.pick(listOf(closed3), null, SessionPurpose.CLOSE))
        assertEquals(SessionPick.NoneFor("No Maestro session yet."), SessionPicker.pick(emptyList(), null, SessionPurpose.TRANSCRIPT))
    }
}
