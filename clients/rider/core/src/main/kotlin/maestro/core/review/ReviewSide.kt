package maestro.core.review

/** The side of the review diff a caret is on: the index (the baseline) or the working tree (the agent's changes). */
enum class ReviewSide { INDEX, WORKING }
