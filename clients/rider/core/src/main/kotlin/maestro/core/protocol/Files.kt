// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

/** A file of a working tree to show: a client that cannot read the folder itself (a host's session, seen from another machine) asks for its text. */
data class FilesReadParams(
    /** A folder in the git working tree the file belongs to (a session's cwd). */
    val cwd: String,
    /** Absolute, or relative to Cwd; it must stay inside the working tree. */
    val path: String,
    /** The host (`hosts/add`) whose folder this is: the request goes to that host's daemon. */
    val host: String? = null,
)

/** The text of a working file; no Content when the file is binary. */
data class FilesReadResult(
    /** The file's absolute path (as asked, resolved against the cwd). */
    val path: String,
    /** The file's UTF-8 text, line endings as they are; absent for a binary file. */
    val content: String? = null,
    /** A NUL byte in its first 8000 bytes, as git decides. */
    val binary: Boolean,
    /** Its size in bytes. */
    val size: Long,
)
