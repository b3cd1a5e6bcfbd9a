// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

/** Answer of `daemon/status`: an operations method of the per-user daemon. */
data class DaemonStatusResult(
    val pid: Int,
    val version: String,
    val home: String,
    val endpoint: String,
    val startedAt: String,
    val connections: Int,
    val workingSetBytes: Long,
    /** The daemon's own PATH, folder by folder: where it looks for agent CLIs. It is the PATH of the shell that started the daemon, which may not be the caller's. */
    val pathFolders: List<String>? = null,
    /** Names of the credential variables set in the daemon's environment (never their values). */
    val credentialVariables: List<String>? = null,
)
