package maestro.core.sshhosts

/**
 * A file of an SSH host's session, ready for a read-only editor (its path is a path there, not here): [text] as
 * the host's daemon read it and, for a review diff, [baseline], the text before the agents' pending hunks there.
 */
data class HostFileView(
    val host: String,
    /** The path on the host. */
    val path: String,
    val text: String,
    val baseline: String?,
) {
    /** The file's name, for the editor tab and its file type. */
    val name: String get() = path.substringAfterLast('/')
}
