package maestro.core.review

import maestro.core.protocol.ReviewFile
import maestro.core.protocol.ReviewHunk

/**
 * A file with pending agent hunks: its absolute path (system-independent) and the server's [entries], one per
 * session turn that changed it (two sessions on one file are two entries), each hunk labelled with its session.
 */
data class PendingFile(val absolutePath: String, val entries: List<ReviewFile>) {
    constructor(absolutePath: String, file: ReviewFile) : this(absolutePath, listOf(file))

    /** The first entry: path and status are the same in all. */
    val file: ReviewFile get() = entries.first()

    /** The server's path, relative to the repository root. */
    val path: String get() = file.path

    /** Every entry's hunks, top to bottom. */
    val hunks: List<ReviewHunk> get() = entries.flatMap { it.hunks }.sortedBy { it.newStart }

    /** The sessions whose changes these are, by name ("Claude Code 1"), for labels. */
    val sessionNames: List<String> get() = entries.mapNotNull { it.sessionName }.distinct()

    /** Whether the user edited lines an agent wrote here (rejecting those asks first). */
    val mixed: Boolean get() = entries.any { it.mixed }

    /**
     * The hunk covering 1-based [line] on [side]: the baseline side reads the old range, the working side the new
     * one. A hunk that only deletes (or only adds) has an empty range on one side; it is found on the line where
     * the lines went missing (git's start, at least 1).
     */
    fun hunkAt(line: Int, side: ReviewSide): ReviewHunk? = hunks.firstOrNull { hunk ->
        val (start, count) = when (side) {
            ReviewSide.BASELINE -> hunk.oldStart to hunk.oldLines
            ReviewSide.WORKING -> hunk.newStart to hunk.newLines
        }
        if (count == 0) line == maxOf(start, 1) else line in start until start + count
    }

    /** The 0-based line where a gutter marker of [hunk] goes on the working side of a document of [lineCount] lines. */
    fun markerLine(hunk: ReviewHunk, lineCount: Int): Int = (hunk.newStart - 1).coerceIn(0, maxOf(lineCount - 1, 0))

    /** A hunk's label: "Claude Code 1 · line 12" (its first changed line in the working file), the session first. */
    fun label(hunk: ReviewHunk): String = listOfNotNull(hunk.sessionName, "line ${firstChangedLine(hunk)}").joinToString(" · ")

    /** The 1-based working-file line of a hunk's first change (its context lines skipped). */
    fun firstChangedLine(hunk: ReviewHunk): Int {
        var line = hunk.newStart
        for (text in hunk.lines) {
            if (text.startsWith("+") || text.startsWith("-")) return maxOf(line, 1)
            if (text.startsWith(" ")) line++
        }
        return maxOf(hunk.newStart, 1)
    }
}
