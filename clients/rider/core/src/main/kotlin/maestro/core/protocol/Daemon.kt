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
)
