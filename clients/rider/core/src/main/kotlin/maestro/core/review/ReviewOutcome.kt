package maestro.core.review

/** What an accept or reject did: how many hunks (or hunk-less files) it staged or restored. */
data class ReviewOutcome(val accepted: Boolean, val count: Int) {
    val message: String get() = "${if (accepted) "Accepted" else "Rejected"} $count ${if (count == 1) "change" else "changes"}"
}
