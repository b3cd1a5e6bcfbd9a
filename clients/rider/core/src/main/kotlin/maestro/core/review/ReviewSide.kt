package maestro.core.review

/** The side of the review diff a caret is on: the agent's baseline (the file before the turn) or the working file. */
enum class ReviewSide { BASELINE, WORKING }
