package maestro.core.panel

import com.google.gson.JsonObject
import com.google.gson.JsonParser
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import maestro.core.protocol.Methods
import maestro.core.protocol.PermissionMode
import maestro.core.protocol.SessionCreateParams
import maestro.core.protocol.StopReason
import maestro.core.protocol.RunStatus
import maestro.core.protocol.RunsListParams
import maestro.core.requests.Requests
import maestro.core.review.PendingFile
import maestro.core.review.ReviewModel
import maestro.core.support.ModelServer
import maestro.core.support.Sandbox
import maestro.core.support.TestHost
import org.junit.jupiter.api.Test
import java.io.File
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/** The panel's bridge, with a page that records what it is sent, against a real `maestro`. */
class PanelHostTest {
    private class Page {
        val received = CopyOnWriteArrayList<JsonObject>()
        fun post(json: String) {
            received += JsonParser.parseString(json).asJsonObject
        }
        fun of(kind: String) = received.filter { it.get("kind").asString == kind }
        fun notifications(method: String) = of("notification").filter { it.get("method").asString == method }

        /** Waits (bounded by the caller's timeout) until a message matches; no fixed sleep. */
        suspend fun await(what: (JsonObject) -> Boolean): JsonObject {
            while (true) {
                received.firstOrNull(what)?.let { return it }
                delay(20)
            }
        }
    }

    private class RecordingActions : HostActions {
        val calls = CopyOnWriteArrayList<String>()
        override suspend fun openDiff(review: ReviewModel, file: PendingFile) { calls += "openDiff ${file.absolutePath}" }
        override suspend fun openFile(absolutePath: String) { calls += "openFile $absolutePath" }
        override suspend fun reviewChanges(review: ReviewModel) { calls += "reviewChanges ${review.files().size}" }
        override suspend fun showOutput() { calls += "showOutput" }
        override suspend fun showHostFile(view: maestro.core.sshhosts.HostFileView) { calls += "showHostFile ${view.host} ${view.path} ${view.baseline != null}" }
    }

    @Test
    fun `every server notification reaches the panel, runs progress included, and Stop Run stops the run`() = runBlocking {
        ModelServer().use { model ->
            Sandbox().use { sandbox ->
                sandbox.configureClaude("claude-code", "claude", model.modelUrl)
                // playbooks/list finds the markdown files of a folder named playbooks.
                File(sandbox.repo, "playbooks").mkdirs()
                File(sandbox.repo, "playbooks/tidy.md").writeText("# Tidy\n\n- [ ] Fix the typos in README.md\n")
                TestHost(sandbox).use { t ->
                    val page = Page()
                    PanelHost(t.host, RecordingActions(), t.scope, "jcef", page::post).use { panel ->
                        withTimeout(240_000) {
                            panel.receive("""{"kind":"ready"}""")
                            assertEquals("jcef", page.of("hostInfo").single().get("host").asString)
                            panel.receive("""{"kind":"request","id":7,"method":"sessions/list","params":{}}""")
                            val listed = page.await { it.get("kind").asString == "response" && it.get("id").asInt == 7 }
                            assertTrue(listed.getAsJsonObject("result").has("sessions"))
                            page.await { it.get("kind").asString == "serverState" && it.get("state").asString == "ready" }

                            model.setFault("""{"hang":true}""")
                            val client = t.host.requireClient()
                            val agent = t.host.agentForRun()
                            val pb = client.playbooks(sandbox.repo.path).playbooks.single()
                            val run = client.runPlaybook(Requests.playbookRun(pb, agent))
                            page.await { n -> n.get("kind").asString == "notification" && n.get("method").asString == Methods.RUNS_PROGRESS && n.getAsJsonObject("params").get("event").asString == "taskStarted" }
                            page.await { it.get("kind").asString == "notification" && it.get("method").asString == Methods.SESSIONS_EVENT }

                            val toStop = Requests.runToStop(client.runs(RunsListParams(status = RunStatus.RUNNING)).runs)
                            assertEquals(run.id, toStop?.id)
                            client.stopRun(run.id)
                            page.await { n ->
                                n.get("kind").asString == "notification" && n.get("method").asString == Methods.RUNS_PROGRESS &&
                                    n.getAsJsonObject("params").get("event").asString == "finished"
                            }
                            assertEquals(RunStatus.STOPPED, client.getRun(run.id).status)
                            model.setFault("{}")
                            // Everything the server notified reached the page, in order, as it came.
                            fun incoming() = t.frames.filter { !it.first }.map { JsonParser.parseString(it.second).asJsonObject }
                                .filter { it.has("method") && !it.has("id") }
                            // A frame is traced just before it is dispatched: wait until the page has caught up.
                            while (page.of("notification").size != incoming().size) delay(20)
                            val forwarded = page.of("notification")
                            val incoming = incoming().take(forwarded.size)
                            assertEquals(incoming.map { it.get("method").asString }, forwarded.map { it.get("method").asString })
                            assertEquals(incoming.map { it.get("params") }, forwarded.map { it.get("params") })
                            assertTrue(page.notifications(Methods.SESSIONS_CHANGED).isNotEmpty())
                        }
                    }
                    assertTrue(page.of("notification").isNotEmpty())
                }
            }
        }
    }

    @Test
    fun `host requests are resolved by the core, the current session follows the panel, errors are answered`() = runBlocking {
        ModelServer().use { model ->
        Sandbox().use { sandbox ->
            sandbox.configureClaude("claude-code", "claude", model.modelUrl)
            // The user's own edit, and below one real agent turn that writes agent.txt: review offers only the agent's.
            File(sandbox.repo, "README.md").appendText("changed\n")
            TestHost(sandbox).use { t ->
                val page = Page()
                val actions = RecordingActions()
                PanelHost(t.host, actions, t.scope, "jcef", page::post).use { panel ->
                    withTimeout(180_000) {
                        val client = t.host.requireClient()
                        val session = client.createSession(SessionCreateParams(agentId = "claude-code", cwd = sandbox.repo.path, permissionMode = PermissionMode.BYPASS))
                        val agentFile = File(sandbox.repo, "agent.txt")
                        model.enqueueTurn("""[{"tool":"Write","args":{"file_path":"${agentFile.path}","content":"from the agent\n"}},{"text":"Wrote it."}]""")
                        assertEquals(StopReason.END_TURN, client.prompt(session.id, "Write agent.txt").stopReason)

                        panel.receive("""{"kind":"request","id":1,"method":"host/openDiff","params":{"cwd":${q(sandbox.repo.path)},"path":"agent.txt"}}""")
                        page.await { it.get("kind").asString == "response" && it.get("id").asInt == 1 }
                        val written = maestro.core.review.RepoPaths.normalize(agentFile.canonicalPath)
                        assertEquals(listOf("openDiff $written"), actions.calls)

                        panel.receive("""{"kind":"request","id":2,"method":"host/openDiff","params":{"path":"README.md"}}""")
                        val refused = page.await { it.get("kind").asString == "response" && it.get("id").asInt == 2 }
                        assertTrue(refused.getAsJsonObject("error").get("message").asString.contains("no pending changes"), "the user's own edit is not offered for review")

                        // A host's file: the core asks the server with the host; an unknown host's error reaches the panel whole.
                        panel.receive("""{"kind":"request","id":30,"method":"host/openHostFile","params":{"host":"nowhere","cwd":${q(sandbox.repo.path)},"path":"agent.txt","diff":true}}""")
                        val noHost = page.await { it.get("kind").asString == "response" && it.get("id").asInt == 30 }.getAsJsonObject("error")
                        assertEquals("HostNotFound", noHost.getAsJsonObject("data").get("kind").asString)
                        // What it shows, read through files/read and review/changes (here without a host: this machine's daemon).
                        val view = maestro.core.sshhosts.HostFiles.load(client, null, sandbox.repo.path, "agent.txt", diff = true)
                        assertEquals("from the agent\n", view.text)
                        assertEquals("", view.baseline, "the agent made the file: before it, nothing")
                        assertEquals("agent.txt", view.name)
                        assertEquals(null, maestro.core.sshhosts.HostFiles.load(client, null, sandbox.repo.path, "agent.txt", diff = false).baseline)

                        panel.receive("""{"kind":"request","id":3,"method":"sessions/get","params":{"sessionId":"missing"}}""")
                        val error = page.await { it.get("kind").asString == "response" && it.get("id").asInt == 3 }.getAsJsonObject("error")
                        assertEquals("SessionNotFound", error.getAsJsonObject("data").get("kind").asString, "a server error reaches the panel whole")

                        panel.receive("""{"kind":"request","id":4,"method":"runs/stop","params":{"runId":"none"}}""")
                        page.await { it.get("kind").asString == "response" && it.get("id").asInt == 4 }

                        panel.receive("""{"kind":"sessionSelected","sessionId":"s-42"}""")
                        assertEquals("s-42", t.host.selectedSessionId)
                        panel.receive("""{"kind":"sessionSelected","sessionId":null}""")
                        assertEquals(null, t.host.selectedSessionId)
                        panel.receive("not json")
                        panel.receive("""{"kind":"request","id":5,"method":"host/openFile","params":{"path":"README.md","cwd":${q(sandbox.repo.path)}}}""")
                        page.await { it.get("kind").asString == "response" && it.get("id").asInt == 5 }
                        assertEquals("openFile " + maestro.core.review.RepoPaths.normalize(File(sandbox.repo, "README.md").path), actions.calls.last())
                        t.host.showInPanel("s-7")
                        assertEquals("s-7", page.of("showSession").single().get("sessionId").asString)
                        // Show Stats: the Stats tab now, and again in a panel that loads afterwards.
                        t.host.showTab("stats")
                        assertEquals("stats", page.of("showTab").single().get("tab").asString)
                        panel.receive("""{"kind":"ready"}""")
                        page.await { page.of("showTab").size == 2 }
                        assertEquals(listOf("stats", "stats"), page.of("showTab").map { it.get("tab").asString })
                        // Run Playbook: the start-a-run screen with the playbook now, and once in the next panel to load.
                        t.host.showStartRun("/repo/.maestro/playbooks/nightly")
                        assertEquals("/repo/.maestro/playbooks/nightly", page.of("showStartRun").single().get("playbook").asString)
                        panel.receive("""{"kind":"ready"}""")
                        page.await { page.of("showStartRun").size == 2 }
                        panel.receive("""{"kind":"ready"}""")
                        page.await { page.of("showTab").size == 4 } // each ready gets the tab Show Stats asked for
                        assertEquals(2, page.of("showStartRun").size)
                        // New Session: the panel's form now, and once in the next panel to load; no host/newSession.
                        t.host.showNewSessionInPanel()
                        assertEquals(1, page.of("showNewSession").size)
                        panel.receive("""{"kind":"ready"}""")
                        page.await { page.of("showNewSession").size == 2 }
                        panel.receive("""{"kind":"ready"}""")
                        page.await { page.of("showTab").size == 6 }
                        assertEquals(2, page.of("showNewSession").size)
                        val offered = page.of("hostInfo").last().getAsJsonArray("hostActions").map { it.asString }
                        assertTrue("host/newSession" !in offered, "the panel's form is the one New Session flow")
                        panel.receive("""{"kind":"request","id":6,"method":"host/newSession"}""")
                        assertTrue(page.await { it.get("kind").asString == "response" && it.get("id").asInt == 6 }.has("error"))
                    }
                }
            }
        }
        }
    }

    private fun q(s: String) = com.google.gson.Gson().toJson(s)
}
