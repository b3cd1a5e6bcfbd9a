package maestro.core.review

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import maestro.core.errors.ErrorMessages
import maestro.core.protocol.ErrorKinds
import maestro.core.rpc.JsonRpcException
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
 * The review model against a real `maestro` and a real git repository whose IDE project (a Rider solution folder)
 * is `src/App`, below the repository root, next to a sibling `src/App2` sharing its prefix.
 */
class ReviewModelTest {
    private val original = (1..20).joinToString("") { "line $it\n" }

    private fun setUp(sandbox: Sandbox): Pair<File, File> {
        val app = File(sandbox.repo, "src/App").apply { mkdirs() }
        val app2 = File(sandbox.repo, "src/App2").apply { mkdirs() }
        File(app, "Program.cs").writeText(original)
        File(app2, "Other.cs").writeText(original)
        sandbox.git("add", ".")
        sandbox.git("commit", "-q", "-m", "solution")
        // Two hunks in Program.cs (lines 2 and 15), one in the sibling's Other.cs.
        File(app, "Program.cs").writeText(original.replace("line 2\n", "line two\n").replace("line 15\n", "line fifteen\nline 15b\n"))
        File(app2, "Other.cs").writeText(original.replace("line 5\n", "line five\n"))
        return app to app2
    }

    @Test
    fun `server paths are joined to the repository root, and the solution folder holds only its own files`() = runBlocking {
        Sandbox().use { sandbox ->
            val (app, app2) = setUp(sandbox)
            TestHost(sandbox, workspaceFolder = app).use { t ->
                withTimeout(60_000) {
                    val review = t.host.review()
                    assertEquals(app.path, review.cwd, "the review starts in the project folder")
                    review.refresh()
                    val root = RepoPaths.normalize(sandbox.repo.canonicalPath)
                    assertEquals(root, review.paths().root, "the root is the one git/status reports, above the solution folder")
                    val program = RepoPaths.normalize(File(app, "Program.cs").canonicalPath)
                    val other = RepoPaths.normalize(File(app2, "Other.cs").canonicalPath)
                    assertEquals(listOf(program, other), review.files().map { it.absolutePath })
                    assertEquals("src/App/Program.cs", review.file(program)!!.path)
                    assertEquals(listOf(program), review.filesUnder(app.canonicalPath).map { it.absolutePath }, "src/App2 is a sibling, not inside src/App")
                    assertNotNull(review.file(program.replace('/', '\\')), "a path with the other separators finds the same file")
                    assertEquals(2, review.file(program)!!.file.hunks.size)
                }
            }
        }
    }

    @Test
    fun `each decision refreshes the hunks, and a caret on the index side reads the index's lines`() = runBlocking {
        Sandbox().use { sandbox ->
            val (app, _) = setUp(sandbox)
            TestHost(sandbox, workspaceFolder = app).use { t ->
                withTimeout(60_000) {
                    val review = t.host.review()
                    review.refresh()
                    val program = RepoPaths.normalize(File(app, "Program.cs").canonicalPath)
                    val before = review.file(program)!!.file.hunks
                    // The second hunk (with git's 3 lines of context) is index lines 12-18, working lines 12-19:
                    // line 19 is in it on the working side only.
                    assertEquals(before[1].id, review.hunkAt(program, 19, ReviewSide.WORKING)?.id)
                    assertNull(review.hunkAt(program, 19, ReviewSide.INDEX), "index line 19 is past the hunk's old range")
                    val accepted = review.decideAt(true, program, 19, ReviewSide.WORKING)
                    assertEquals(ReviewOutcome(true, 1), accepted)
                    val after = review.file(program)!!.file.hunks
                    assertEquals(listOf(before[0].id), after.map { it.id }, "the accepted hunk is gone at once, the other keeps its id")
                    val index = IndexContent.read(review.paths().root, "src/App/Program.cs")
                    assertTrue(index.contains("line fifteen\nline 15b\n"), "the index (the diff's left side) moved")
                    assertFalse(index.contains("line two"))

                    // Line 2 on the index side is the old "line 2": reject restores it from the index.
                    val rejected = review.decideAt(false, program, 2, ReviewSide.INDEX)
                    assertEquals(1, rejected?.count)
                    assertNull(review.file(program), "no pending change left in Program.cs")
                    assertEquals(index, File(app, "Program.cs").readText())
                    assertNull(review.decideAt(true, program, 2, ReviewSide.WORKING), "nothing to decide: nothing is sent")
                }
            }
        }
    }

    @Test
    fun `Accept All and Reject All send paths dot and leave nothing pending`() = runBlocking {
        Sandbox().use { sandbox ->
            val (app, app2) = setUp(sandbox)
            TestHost(sandbox, workspaceFolder = app).use { t ->
                withTimeout(60_000) {
                    val review = t.host.review()
                    review.refresh()
                    assertEquals(3, review.acceptAll().count)
                    assertTrue(t.sent("review/accept").single().contains("\"paths\":[\".\"]"), t.sent("review/accept").single())
                    assertTrue(review.files().isEmpty())
                    assertEquals("", sandbox.git("diff", "--name-only"))

                    File(app, "Program.cs").writeText("changed\n")
                    File(app2, "Other.cs").writeText("changed too\n")
                    review.refresh()
                    assertEquals(2, review.files().size)
                    val indexed = IndexContent.read(review.paths().root, "src/App2/Other.cs")
                    assertEquals(2, review.rejectAll().count)
                    assertTrue(t.sent("review/reject").single().contains("\"paths\":[\".\"]"))
                    assertTrue(review.files().isEmpty())
                    assertEquals(indexed, File(app2, "Other.cs").readText())

                    // A file decision names the file by its server path, whatever separators the IDE used.
                    File(app2, "Other.cs").writeText("again\n")
                    review.refresh()
                    assertEquals(1, review.decideFile(true, File(app2, "Other.cs").canonicalPath).count)
                    assertTrue(t.sent("review/accept").last().contains("\"paths\":[\"src/App2/Other.cs\"]"))
                }
            }
        }
    }

    @Test
    fun `a stale hunk is refused by the server, shown as a sentence, and the review is refreshed`() = runBlocking {
        Sandbox().use { sandbox ->
            val (app, _) = setUp(sandbox)
            TestHost(sandbox, workspaceFolder = app).use { t ->
                withTimeout(60_000) {
                    val review = t.host.review()
                    review.refresh()
                    val program = RepoPaths.normalize(File(app, "Program.cs").canonicalPath)
                    val old = review.file(program)!!.file.hunks[0].id
                    File(app, "Program.cs").writeText(original.replace("line 2\n", "line deux\n"))
                    val error = assertFailsWith<JsonRpcException> { review.decideHunks(true, listOf(old)) }
                    assertEquals(ErrorKinds.STALE_HUNK, error.kind)
                    val message = ErrorMessages.of(error, "Accept")
                    assertEquals("Accept: the file changed since it was reviewed; the review is refreshed, decide again.", message.text)
                    assertFalse(message.isError)
                    assertTrue(review.file(program)!!.file.hunks.single().lines.any { it.contains("deux") }, "refreshed after the refusal")
                }
            }
        }
    }

    @Test
    fun `a change on disk reaches the model through review changed`() = runBlocking {
        Sandbox().use { sandbox ->
            val (app, _) = setUp(sandbox)
            TestHost(sandbox, workspaceFolder = app).use { t ->
                withTimeout(60_000) {
                    val review = t.host.review()
                    review.refresh()
                    val readme = RepoPaths.normalize(File(sandbox.repo, "README.md").canonicalPath)
                    val seen = CompletableDeferred<Unit>()
                    review.onChanged { if (it.file(readme) != null) seen.complete(Unit) }
                    File(sandbox.repo, "README.md").appendText("more\n")
                    seen.await()
                    assertTrue(t.frames.any { !it.first && it.second.contains("\"method\":\"review/changed\"") })
                }
            }
        }
    }
}
