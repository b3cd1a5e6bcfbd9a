package maestro.core.review

import maestro.core.protocol.ChangeStatus
import maestro.core.protocol.ReviewFile
import maestro.core.protocol.ReviewHunk
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** Server paths (relative to the repository root) to absolute system-independent paths and back. */
class RepoPathsTest {
    @Test
    fun `a path is joined to the repository root, not to a solution folder below it`() {
        val paths = RepoPaths("/home/u/repo")
        assertEquals("/home/u/repo/src/App/Program.cs", paths.toAbsolute("src/App/Program.cs"))
        assertEquals("/home/u/repo", paths.toAbsolute("."))
        assertEquals("/home/u/repo/README.md", paths.toAbsolute("./README.md"))
        assertEquals("src/App/Program.cs", paths.toRelative("/home/u/repo/src/App/Program.cs"))
        assertEquals(".", paths.toRelative("/home/u/repo/"))
        assertEquals("/home/u/other/x", paths.toAbsolute("/home/u/other/x"), "an absolute path is kept")
    }

    @Test
    fun `Windows paths get one kind of separator and one drive-letter case`() {
        val paths = RepoPaths("c:\\work\\repo\\")
        assertEquals("C:/work/repo", paths.root)
        assertEquals("C:/work/repo/src/App/Program.cs", paths.toAbsolute("src/App/Program.cs"))
        assertEquals("src/App/Program.cs", paths.toRelative("C:\\work\\repo\\src\\App\\Program.cs"))
        assertEquals("src/App/Program.cs", paths.toRelative("C:/work/repo/src\\App/Program.cs"))
        assertEquals(RepoPaths.normalize("C:\\work\\repo\\a.cs"), RepoPaths.normalize("c:/work/repo/./x/../a.cs"))
        assertTrue(RepoPaths.isAbsolute("C:\\work"))
        assertFalse(RepoPaths.isAbsolute("src\\App"))
    }

    @Test
    fun `a sibling folder sharing a prefix is neither inside the root nor inside the solution folder`() {
        val paths = RepoPaths("/r/repo")
        assertNull(paths.toRelative("/r/repo2/a.cs"))
        assertNull(paths.toRelative("/r/rep"))
        assertTrue(RepoPaths.isUnder("/r/repo/src/App/a.cs", "/r/repo/src/App"))
        assertTrue(RepoPaths.isUnder("/r/repo/src/App", "/r/repo/src/App/"))
        assertFalse(RepoPaths.isUnder("/r/repo/src/App2/a.cs", "/r/repo/src/App"))
        assertFalse(RepoPaths.isUnder("C:\\r\\repo\\src\\App.Tests\\a.cs", "C:/r/repo/src/App"))
    }

    @Test
    fun `a caret line is read on its own side, the old range on the index, the new range on the working tree`() {
        // Lines 3-4 replaced by 3 lines (3-5), and line 10 deleted (after working line 10 of the new file).
        val replace = ReviewHunk("h1", oldStart = 3, oldLines = 2, newStart = 3, newLines = 3, header = "@@ -3,2 +3,3 @@", lines = emptyList())
        val delete = ReviewHunk("h2", oldStart = 10, oldLines = 1, newStart = 10, newLines = 0, header = "@@ -10 +10,0 @@", lines = emptyList())
        val add = ReviewHunk("h3", oldStart = 20, oldLines = 0, newStart = 21, newLines = 2, header = "@@ -20,0 +21,2 @@", lines = emptyList())
        val file = PendingFile("/r/a.cs", ReviewFile("a.cs", status = ChangeStatus.MODIFIED, binary = false, hunks = listOf(replace, delete, add)))
        assertEquals("h1", file.hunkAt(5, ReviewSide.WORKING)?.id)
        assertNull(file.hunkAt(5, ReviewSide.BASELINE), "line 5 of the baseline is past the old range")
        assertEquals("h1", file.hunkAt(4, ReviewSide.BASELINE)?.id)
        assertEquals("h2", file.hunkAt(10, ReviewSide.BASELINE)?.id)
        assertEquals("h2", file.hunkAt(10, ReviewSide.WORKING)?.id, "a deletion is found where the lines went missing")
        assertEquals("h3", file.hunkAt(22, ReviewSide.WORKING)?.id)
        assertEquals("h3", file.hunkAt(20, ReviewSide.BASELINE)?.id)
        assertNull(file.hunkAt(22, ReviewSide.BASELINE))
        assertNull(file.hunkAt(1, ReviewSide.WORKING))
        assertEquals(9, file.markerLine(delete, 100))
        assertEquals(2, file.markerLine(delete, 3), "a marker past the end goes on the last line")
    }
}
