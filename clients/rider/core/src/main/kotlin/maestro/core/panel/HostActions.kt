package maestro.core.panel

import maestro.core.sshhosts.HostFileView
import maestro.core.review.PendingFile
import maestro.core.review.ReviewModel

/** What only the IDE can do for the panel's `host/...` requests; the core has resolved every path already. */
interface HostActions {
    /** Shows the review diff of [file] (index vs working tree) with its accept/reject actions. */
    suspend fun openDiff(review: ReviewModel, file: PendingFile)

    /** Opens the file at this absolute, system-independent path in an editor. */
    suspend fun openFile(absolutePath: String)

    /** Shows an SSH host's file read-only: as a diff against [HostFileView.baseline] when it has one. */
    suspend fun showHostFile(view: HostFileView)

    /** Lets the user pick a changed file of [review] to open its diff. */
    suspend fun reviewChanges(review: ReviewModel)

    /** Shows the server's log. */
    suspend fun showOutput()
}
