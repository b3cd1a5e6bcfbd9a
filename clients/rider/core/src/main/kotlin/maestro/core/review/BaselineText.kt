package maestro.core.review

import maestro.core.protocol.ReviewHunk

/**
 * The left side of the review diff: the working text with the agents' pending hunks taken back (each hunk's lines,
 * at `newStart` where the server placed them in the working file, put back to its old side). The server returns
 * hunks, not baseline blobs, and the hunks say all the agent changed; the user's own later edits stay, so the diff
 * shows only what the agents did. Hunks the user edited since (mixed) are reverted as the agent wrote them.
 */
object BaselineText {
    fun of(working: String, hunks: List<ReviewHunk>): String {
        val eol = if (working.contains("\r\n")) "\r\n" else "\n"
        val lines = working.split(Regex("\r?\n")).toMutableList()
        val endsWithNewline = lines.size > 1 && lines.last().isEmpty()
        if (endsWithNewline) lines.removeAt(lines.size - 1)
        // Bottom up, so the line numbers of the hunks above stay right.
        for (hunk in hunks.sortedByDescending { it.newStart }) {
            val oldSide = hunk.lines.filter { it.startsWith(" ") || it.startsWith("-") }.map { it.substring(1) }
            val start = (if (hunk.newLines == 0) hunk.newStart else hunk.newStart - 1).coerceIn(0, lines.size)
            val end = (start + hunk.newLines).coerceAtMost(lines.size)
            repeat(end - start) { lines.removeAt(start) }
            lines.addAll(start, oldSide)
        }
        return if (lines.isEmpty()) "" else lines.joinToString(eol) + (if (endsWithNewline) eol else "")
    }
}
