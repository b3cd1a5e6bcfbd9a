package maestro.core.requests

import com.google.gson.JsonParser
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import maestro.core.protocol.AgentInfo
import maestro.core.protocol.AgentKind
import maestro.core.protocol.MaestroJson
import maestro.core.protocol.PermissionMode
import maestro.core.protocol.PlaybookInfo
import maestro.core.protocol.Run
import maestro.core.protocol.RunStatus
import maestro.core.protocol.Usage
import maestro.core.support.Repo
import maestro.core.support.Sandbox
import maestro.core.support.TestHost
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** The params each action sends, built from the settings and what the server lists. */
class RequestsTest {
    private fun agent(id: String, available: Boolean) = AgentInfo(id, id, AgentKind.NATIVE, available, command = id, reason = if (available) null else "$id is not installed")

    @Test
    fun `an empty default agent never sends an empty agentId`() {
        val agents = listOf(agent("codex", false), agent("claude-code", true), agent("gemini", true))
        assertEquals("claude-code", Requests.agentId(ClientSettings(defaultAgent = ""), agents))
        assertEquals("claude-code", Requests.agentId(ClientSettings(defaultAgent = "  "), agents))
        assertEquals("gemini", Requests.agentId(ClientSettings(defaultAgent = " gemini "), agents))
        val none = assertFailsWith<NoAgentException> { Requests.agentId(ClientSettings(defaultAgent = ""), listOf(agent("codex", false))) }
        assertTrue(none.message!!.contains("codex is not installed"))

        val params = Requests.sessionCreate(ClientSettings(permissionMode = "bypass"), "claude-code", "/r", name = " ")
        val json = JsonParser.parseString(MaestroJson.gson.toJson(params)).asJsonObject
        assertEquals("claude-code", json.get("agentId").asString)
        assertFalse(json.has("name"), "a blank name is left out, the server names the session")
        assertEquals("bypass", json.get("permissionMode").asString)
        assertEquals(PermissionMode.ACCEPT_EDITS, ClientSettings(permissionMode = null).mode)
    }

    @Test
    fun `only a new executable restarts the server, Stop Run picks the newest running run, a broken playbook is refused`() {
        val a = ClientSettings(serverPath = "/opt/maestro", defaultAgent = "codex", permissionMode = "ask")
        assertFalse(a.requiresRestart(a.copy(defaultAgent = "gemini", permissionMode = "bypass")))
        assertTrue(a.requiresRestart(a.copy(serverPath = "/usr/bin/maestro")))
        assertFalse(ClientSettings(serverPath = "").requiresRestart(ClientSettings(serverPath = "  ")))

        fun run(id: String, status: RunStatus, started: String) = Run(id, "p.md", "claude-code", status, 1, 0, 0, sessionIds = emptyList(), startedAt = started, usage = Usage())
        val runs = listOf(run("r1", RunStatus.RUNNING, "2026-01-01T00:00:00Z"), run("r2", RunStatus.RUNNING, "2026-01-02T00:00:00Z"), run("r3", RunStatus.DONE, "2026-01-03T00:00:00Z"))
        assertEquals("r2", Requests.runToStop(runs)?.id)
        assertNull(Requests.runToStop(runs.filter { it.status == RunStatus.DONE }))
        // A run waiting for the provider is still in progress: it can be stopped.
        assertEquals("r4", Requests.runToStop(runs + run("r4", RunStatus.WAITING, "2026-01-04T00:00:00Z"))?.id)

        assertFailsWith<IllegalArgumentException> { Requests.playbookRun(PlaybookInfo("/r/p.md", "p", emptyList(), error = "no tasks"), "claude-code") }
        assertEquals("/r/p.md", Requests.playbookRun(PlaybookInfo("/r/p.md", "p", emptyList()), "codex").path)
    }

    @Test
    fun `with no default agent a new session gets the first agent the real server says is available`() = runBlocking {
        Sandbox().use { sandbox ->
            sandbox.configureClaude("claude-code", "claude", "http://127.0.0.1:9")
            TestHost(sandbox, settings = ClientSettings(serverPath = Repo.maestro, defaultAgent = "")).use { t ->
                withTimeout(60_000) {
                    val available = t.host.requireClient().agents().agents.first { it.available }.id
                    val session = t.host.createSession()
                    assertEquals(available, session.agentId)
                    val sent = JsonParser.parseString(t.sent("sessions/create").single()).asJsonObject.getAsJsonObject("params")
                    assertEquals(available, sent.get("agentId").asString)
                    assertEquals(session.id, t.host.selectedSessionId, "a new session becomes the current one")
                }
            }
        }
    }
}
