package maestro.core

import com.google.gson.JsonParseException
import com.google.gson.JsonParser
import maestro.core.protocol.*
import org.junit.jupiter.api.Test
import java.math.BigDecimal
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * Gson fills a Kotlin data class without its constructor, so the generated models rely on WireMembersAdapterFactory
 * for what C# does with an absent member: required is an error, a defaulted member reads as its C# default.
 */
class WireMembersTest {
    private val gson = MaestroJson.gson

    private val runJson = """{"id":"r1","playbook":"/p.md","agentId":"claude-code","status":"running","total":2,"done":0,
        |"failed":0,"sessionIds":[],"startedAt":"2026-01-01T00:00:00Z","usage":{}}""".trimMargin()

    @Test
    fun `an absent member reads as its C# default, not as Gson's zero or null`() {
        val run = gson.fromJson(runJson, Run::class.java)
        assertEquals(1, run.loops, "Run.loops defaults to 1")
        assertEquals(0, run.tasksRun)
        assertNull(run.outcome)
        assertEquals(BigDecimal.ZERO, run.usage.costUsd, "a decimal member reads as 0, not null")
        val task = gson.fromJson("""{"document":"d.md","line":3,"text":"t"}""", RunTask::class.java)
        assertEquals(1, task.attempt)
        val message = gson.fromJson("""{"type":"message","text":"hi","html":"<p>hi</p>"}""", SessionEvent::class.java)
        assertEquals(SessionEvent.Message("hi", "<p>hi</p>", "assistant"), message)
        val tool = gson.fromJson("""{"type":"toolCall","toolCallId":"t","kind":"read","title":"Read"}""", SessionEvent::class.java)
        assertEquals(ToolCallStatus.PENDING, (tool as SessionEvent.ToolCall).status)
        val params = gson.fromJson("""{"protocolVersion":"1.0","clientInfo":{"name":"x"}}""", InitializeParams::class.java)
        assertEquals(emptyList(), params.workspaceFolders)
        assertEquals(ClientCapabilities(), params.capabilities)
        assertEquals(MergeStrategy.AUTO, gson.fromJson("""{"path":"/w"}""", WorktreeMergeParams::class.java).strategy)
    }

    @Test
    fun `an absent or null required member is an error when read, not a NullPointerException later`() {
        val withoutId = JsonParser.parseString(runJson).asJsonObject.apply { remove("id") }
        val e = assertFailsWith<JsonParseException> { gson.fromJson(withoutId, Run::class.java) }
        assertTrue(e.message!!.contains("Run.id"), e.message)
        assertFailsWith<JsonParseException> { gson.fromJson("""{"sessionId":null}""", SessionIdParams::class.java) }
        assertFailsWith<JsonParseException> { gson.fromJson("""{"type":"prompt","text":"no turn id"}""", SessionEvent::class.java) }
    }

    @Test
    fun `a member C# leaves out at its default is left out, and written when set`() {
        assertEquals("""{"permissions":true,"inlineDiff":false}""", gson.toJson(ClientCapabilities(permissions = true)))
        assertEquals(
            """{"permissions":false,"inlineDiff":false,"batchedEvents":true}""",
            gson.toJson(ClientCapabilities(batchedEvents = true)),
        )
        assertFalse(gson.fromJson("{}", ClientCapabilities::class.java).batchedEvents)
    }

    @Test
    fun `an unknown event type is kept whole and written back as it came`() {
        val json = """{"type":"somethingNew","x":[1,2]}"""
        val event = gson.fromJson(json, SessionEvent::class.java)
        assertTrue(event is SessionEvent.Unknown)
        assertEquals("somethingNew", event.type)
        assertEquals(json, gson.toJson(event, SessionEvent::class.java))
    }

    @Test
    fun `every method has a shape, and its params and result are generated classes`() {
        assertEquals(MethodShape(MethodKind.REQUEST, RunIdParams::class.java, null), MethodShapes[Methods.RUNS_STOP])
        assertEquals(MethodKind.SERVER_NOTIFICATION, MethodShapes[Methods.SESSIONS_EVENTS]?.kind)
        for ((method, shape) in MethodShapes) {
            for (cls in listOfNotNull(shape.params, shape.result)) assertTrue(cls in WireMembers.byClass, "$method: ${cls.simpleName}")
        }
    }
}
