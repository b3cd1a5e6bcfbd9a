package maestro.core.review

import maestro.core.protocol.ReviewFile
import maestro.core.protocol.ReviewHunk

/** One changed file of a review: its absolute path (system-independent) and the server's [file] with its pending hunks. */
data class PendingFile(val absolutePath: String, val file: ReviewFile) {
    /** The server's path, relative to the repository root. */
    val path: String get() = file.path

    /**
     * The hunk covering 1-based [line] on [side]: the index side reads the old range, the working side the new
     * one. A hunk that only deletes (or only adds) has an empty range on one side; it is found on the line where
     * the lines went missing (git's start, at least 1).
     */
    fun hunkAt(line: Int, side: ReviewSide): ReviewHunk? = file.hunks.firstOrNull { hunk ->
        val (start, count) = when (side) {
            ReviewSide.INDEX -> hunk.oldStart to hunk.oldLines
            ReviewSide.WORKING -> hunk.newStart to hunk.newLines
        }
        if (count == 0) line == maxOf(start, 1) else line in start until start + count
    }

    /** The 0-based line where a gutter marker of [hunk] goes on the working side of a document of [lineCount] lines. */
    fun markerLine(hunk: ReviewHunk, lineCount: Int): Int = (hunk.newStart - 1).coerceIn(0, maxOf(lineCount - 1, 0))
}
