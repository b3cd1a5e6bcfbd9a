package maestro.core.sshhosts

import maestro.core.MaestroClient
import maestro.core.protocol.FilesReadParams
import maestro.core.review.BaselineText

/**
 * Reads a host's file for the IDE, which cannot open a path on another machine: `files/read {host}` answers its text
 * from the host's daemon, and `review/changes {host, paths}` the agents' hunks there, from which the diff's left side
 * is rebuilt as for a local file ([BaselineText]). Host paths are POSIX: a relative path is taken from [cwd] there.
 */
object HostFiles {
    suspend fun load(client: MaestroClient, host: String?, cwd: String, path: String, diff: Boolean): HostFileView {
        val absolute = if (path.startsWith("/")) path else "${cwd.trimEnd('/')}/$path"
        val read = client.readFile(FilesReadParams(cwd = cwd, path = absolute, host = host))
        val where = host ?: "this machine"
        val text = read.content.takeUnless { read.binary } ?: "(a binary file of ${read.size} bytes on $where: not shown)"
        val baseline = if (diff && !read.binary) {
            BaselineText.of(text, client.reviewChanges(cwd, paths = listOf(absolute), host = host).files.flatMap { it.hunks })
        } else {
            null
        }
        return HostFileView(host = where, path = read.path, text = text, baseline = baseline)
    }
}
