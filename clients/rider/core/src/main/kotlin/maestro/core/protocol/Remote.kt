// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

data class RemoteStartParams(
    /** Listen on the LAN as well as loopback. */
    val lan: Boolean = false,
    val port: Int? = null,
    /** Start a cloudflared quick tunnel when cloudflared is installed. */
    val tunnel: Boolean = false,
)

data class RemoteStartResult(
    val url: String,
    val qrSvg: String,
    val expiresAt: String? = null,
)
