package maestro.core.review

import maestro.core.protocol.ReviewFileContent

/**
 * What an accept or reject did: how many hunks (or hunk-less files) it kept or took back, the [decisionId] that
 * `review/undo` takes, files moved to Maestro's trash, and, for a reject made with the IDE applying it
 * (`apply = false`), the new text of each file for the IDE to write as one undoable command ([contents]).
 */
data class ReviewOutcome(
    val accepted: Boolean,
    val count: Int,
    val decisionId: String? = null,
    val contents: List<ReviewFileContent> = emptyList(),
    val trashed: List<String> = emptyList(),
) {
    val message: String
        get() = "${if (accepted) "Kept" else "Rejected"} $count ${if (count == 1) "change" else "changes"}" +
            (if (trashed.isNotEmpty()) "; ${trashed.joinToString()} moved to Maestro's trash" else "")
}
