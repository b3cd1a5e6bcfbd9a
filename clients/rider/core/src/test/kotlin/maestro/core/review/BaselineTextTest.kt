package maestro.core.review

import maestro.core.protocol.ReviewHunk
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals

/** The review diff's left side: the working text with the agents' pending hunks taken back, the user's lines kept. */
class BaselineTextTest {
    private fun hunk(newStart: Int, newLines: Int, vararg lines: String) = ReviewHunk(
        id = "h$newStart", oldStart = newStart, oldLines = lines.count { !it.startsWith("+") }, newStart = newStart, newLines = newLines,
        header = "", lines = lines.toList(),
    )

    @Test
    fun `takes back every agent hunk and keeps the lines the user wrote outside them`() {
        val working = "a\nB\nc\nmine\nd\ne\nf\n"
        assertEquals("a\nb\nc\nmine\nd\nf\n", BaselineText.of(working, listOf(hunk(1, 3, " a", "-b", "+B", " c"), hunk(5, 3, " d", "+e", " f"))))
    }

    @Test
    fun `a created file has an empty baseline, CRLF stays CRLF, removed lines come back`() {
        assertEquals("", BaselineText.of("x\ny\n", listOf(hunk(1, 2, "+x", "+y"))))
        assertEquals("a\r\nb\r\n", BaselineText.of("a\r\nB\r\n", listOf(hunk(1, 2, " a", "-b", "+B"))))
        assertEquals("a\ngone\nc\n", BaselineText.of("a\nc\n", listOf(hunk(1, 0, "-gone"))))
    }
}
