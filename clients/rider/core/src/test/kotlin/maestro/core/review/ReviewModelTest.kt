package maestro.core.review

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import maestro.core.errors.ErrorMessages
import maestro.core.protocol.ErrorKinds
import maestro.core.protocol.PermissionMode
import maestro.core.protocol.SessionCreateParams
import maestro.core.protocol.StopReason
import maestro.core.rpc.JsonRpcException
import maestro.core.support.ModelServer
import maestro.core.support.Sandbox
import maestro.core.support.TestHost
import org.junit.jupiter.api.Test
import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * The review model against a real `maestro`, a real git repository and a real Claude Code session (the scripted
 * model): the repository's IDE project (a Rider solution folder) is `src/App`, below the root, next to a sibling
 * `src/App2` sharing its prefix. The agent changes Program.cs in two places and Other.cs once; the user's own edits
 * never show up as hunks.
 */
class ReviewModelTest {
    private val original = (1..30).joinToString("") { "line $it\n" }
    private val agentProgram = original.replace("line 2\n", "line two\n").replace("line 15\n", "line fifteen\nline 15b\n")
    private val agentOther = original.replace("line 5\n", "line five\n")

    private class Setup(val app: File, val app2: File, val sessionName: String)

    private fun json(text: String) = text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")

    /** The solution in git, then one real agent turn that writes both files (the server records it as the turn's changes). */
    private suspend fun setUp(sandbox: Sandbox, model: ModelServer, t: TestHost): Setup {
        val app = File(sandbox.repo, "src/App")
        val app2 = File(sandbox.repo, "src/App2")
        val client = t.host.requireClient()
        val session = client.createSession(SessionCreateParams(agentId = "claude-code", cwd = sandbox.repo.path, permissionMode = PermissionMode.BYPASS))
        val program = File(app, "Program.cs")
        val other = File(app2, "Other.cs")
        model.enqueueTurn(
            """[{"tool":"Write","args":{"file_path":"${program.path}","content":"${json(agentProgram)}"}},""" +
                """{"tool":"Write","args":{"file_path":"${other.path}","content":"${json(agentOther)}"}},{"text":"Edited both."}]""",
        )
        assertEquals(StopReason.END_TURN, client.prompt(session.id, "Edit Program.cs and Other.cs").stopReason)
        assertEquals(agentProgram, program.readText())
        // The server named the session from this first prompt (it had its default name): review labels hunks with it.
        return Setup(app, app2, "Edit Program.cs and Other.cs")
    }

    private fun withReview(body: suspend (Sandbox, TestHost, Setup) -> Unit) = runBlocking {
        ModelServer().use { model ->
            Sandbox().use { sandbox ->
                sandbox.configureClaude("claude-code", "claude", model.modelUrl)
                val app = File(sandbox.repo, "src/App").apply { mkdirs() }
                File(sandbox.repo, "src/App2").mkdirs()
                File(app, "Program.cs").writeText(original)
                File(sandbox.repo, "src/App2/Other.cs").writeText(original)
                sandbox.git("add", ".")
                sandbox.git("commit", "-q", "-m", "solution")
                TestHost(sandbox, workspaceFolder = app).use { t ->
                    withTimeout(240_000) { body(sandbox, t, setUp(sandbox, model, t)) }
                }
            }
        }
    }

    @Test
    fun `only the agent's hunks are listed, labelled with the session, the user's own edit never`() = withReview { sandbox, t, s ->
        // The user edits a third place of Program.cs after the turn and saves.
        val programFile = File(s.app, "Program.cs")
        programFile.writeText(programFile.readText().replace("line 27\n", "line 27 typed by the user\n"))
        val review = t.host.review()
        assertEquals(s.app.path, review.cwd, "the review starts in the project folder")
        review.refresh()
        val root = RepoPaths.normalize(sandbox.repo.canonicalPath)
        assertEquals(root, review.paths().root, "the root is the one git/status reports, above the solution folder")
        val program = RepoPaths.normalize(programFile.canonicalPath)
        val other = RepoPaths.normalize(File(s.app2, "Other.cs").canonicalPath)
        assertEquals(listOf(program, other), review.files().map { it.absolutePath })
        assertEquals(listOf(program), review.filesUnder(s.app.canonicalPath).map { it.absolutePath }, "src/App2 is a sibling, not inside src/App")
        assertNotNull(review.file(program.replace('/', '\\')), "a path with the other separators finds the same file")
        val hunks = review.file(program)!!.hunks
        assertEquals(2, hunks.size, "exactly the agent's two hunks: the user's line 27 is not one")
        assertTrue(hunks.all { it.sessionName == s.sessionName }, "each hunk names its session")
        assertEquals(listOf(s.sessionName), review.file(program)!!.sessionNames)
        assertEquals("${s.sessionName} · line 2", review.file(program)!!.label(hunks[0]))
        assertEquals(listOf(s.sessionName), review.sessions().map { it.name })
        assertTrue(t.sent("review/changes").none { it.contains("\"baseline\"") }, "the agents' baseline, not the index")
    }

    @Test
    fun `reject in the editor, undo, accept, and the index is touched only by Stage Hunk`() = withReview { sandbox, t, s ->
        val programFile = File(s.app, "Program.cs")
        programFile.writeText(programFile.readText().replace("line 27\n", "line 27 typed by the user\n"))
        val withUser = programFile.readText()
        val review = t.host.review()
        review.refresh()
        val program = RepoPaths.normalize(programFile.canonicalPath)
        val before = review.file(program)!!.hunks
        assertEquals(before[0].id, review.hunkAt(program, 2, ReviewSide.WORKING)?.id)
        assertEquals(before[0].id, review.hunkAt(program, 2, ReviewSide.BASELINE)?.id)

        // Reject with the IDE applying it: the server records it and answers the text; the file is not written.
        val rejected = review.decideAt(false, program, 2, ReviewSide.WORKING, inEditor = true)!!
        assertEquals(1, rejected.count)
        assertNotNull(rejected.decisionId)
        assertTrue(t.sent("review/reject").single().contains("\"apply\":false"))
        val text = rejected.contents.single().content
        assertEquals(withUser.replace("line two\n", "line 2\n"), text, "only the agent's line goes; the user's line 27 stays")
        assertEquals(withUser, programFile.readText(), "the IDE writes it, not the server")
        programFile.writeText(text) // what the IDE's write command saves
        review.refresh()
        assertEquals(listOf(before[1].id), review.file(program)!!.hunks.map { it.id }, "the other hunk keeps its id")

        // Undo (the IDE's own undo already put the text back): recorded, the hunk is offered again.
        programFile.writeText(withUser)
        val undone = review.undo(rejected.decisionId!!, inEditor = true)
        assertEquals(withUser, undone.contents!!.single().content)
        assertEquals(2, review.file(program)!!.hunks.size)

        // Accept keeps the agent's lines and leaves git's index alone.
        val accepted = review.decideHunks(true, listOf(review.file(program)!!.hunks[1].id))
        assertEquals(ReviewOutcome(true, 1, accepted.decisionId), accepted)
        assertEquals(original, sandbox.git("show", ":src/App/Program.cs"), "accept stages nothing")
        assertEquals(1, review.file(program)!!.hunks.size)

        // Stage Hunk is the explicit way into the index: the user's own line 27 here.
        assertTrue(review.stageAt(program, 28))
        assertTrue(sandbox.git("show", ":src/App/Program.cs").contains("line 27 typed by the user"))
        assertFalse(sandbox.git("show", ":src/App/Program.cs").contains("line two"), "only the hunk at the caret")
    }

    @Test
    fun `a mixed hunk is refused naming the user's edit, and Reject All with confirm takes back only the agent's lines`() = withReview { _, t, s ->
        val programFile = File(s.app, "Program.cs")
        programFile.writeText(programFile.readText().replace("line two\n", "line two, said the user\n"))
        val review = t.host.review()
        review.refresh()
        val program = RepoPaths.normalize(programFile.canonicalPath)
        assertTrue(review.file(program)!!.mixed)
        val error = assertFailsWith<JsonRpcException> { review.decideAt(false, program, 2, ReviewSide.WORKING) }
        assertTrue(ReviewModel.isMixedHunk(error))
        assertTrue(error.message!!.contains("line two, said the user"), error.message)

        val all = review.rejectAll(confirm = true)
        assertTrue(t.sent("review/reject").last().contains("\"paths\":[\".\"]"))
        assertEquals(3, all.count)
        assertTrue(review.files().isEmpty())
        assertEquals(original, programFile.readText())
        assertEquals(original, File(s.app2, "Other.cs").readText())
        review.undo(all.decisionId!!)
        assertEquals(agentOther, File(s.app2, "Other.cs").readText(), "undo brings every file of the decision back")
    }

    @Test
    fun `a stale hunk is refused by the server, shown as a sentence, and the review is refreshed`() = withReview { _, t, s ->
        val review = t.host.review()
        review.refresh()
        val program = RepoPaths.normalize(File(s.app, "Program.cs").canonicalPath)
        val old = review.file(program)!!.hunks[0].id
        val error = assertFailsWith<JsonRpcException> { review.decideHunks(true, listOf(old + "0")) }
        assertEquals(ErrorKinds.STALE_HUNK, error.kind)
        val message = ErrorMessages.of(error, "Accept")
        assertEquals("Accept: the file changed since it was reviewed; the review is refreshed, decide again.", message.text)
        assertFalse(message.isError)
        assertEquals(2, review.file(program)!!.hunks.size, "refreshed after the refusal")
    }

    @Test
    fun `a change on disk reaches the model through review changed`() = withReview { _, t, s ->
        val review = t.host.review()
        review.refresh()
        val program = RepoPaths.normalize(File(s.app, "Program.cs").canonicalPath)
        val seen = CompletableDeferred<Unit>()
        // Accepting in another client (here: the same server, another call) changes what is pending; the notice comes.
        review.onChanged { if (it.file(program)?.hunks?.size == 1) seen.complete(Unit) }
        t.host.requireClient().reviewAccept(ReviewSelections.hunks(review.cwd, listOf(review.file(program)!!.hunks[0].id)))
        seen.await()
        assertTrue(t.frames.any { !it.first && it.second.contains("\"method\":\"review/changed\"") })
        assertNull(review.file(RepoPaths.normalize(File(s.app, "README.md").canonicalPath)))
    }
}
