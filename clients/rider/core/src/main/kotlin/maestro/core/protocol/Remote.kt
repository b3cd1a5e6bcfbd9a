// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

/** The first message on the page's WebSocket: the token from the URL fragment. */
data class RemoteAuthenticateParams(
    val token: String,
)

data class RemoteAuthenticateResult(
    /** True for the read-only token: prompts, cancels, permission answers, runs and changes are refused. */
    val readOnly: Boolean,
)

data class RemoteStartParams(
    /** Listen on the machine's LAN address instead of loopback (plain HTTP on the LAN: the answer says so). */
    val lan: Boolean = false,
    /** The port to listen on; a free one when absent. */
    val port: Int? = null,
    /** Also open a cloudflared quick tunnel to the page (cloudflared must be installed): the URLs given out are then the tunnel's. */
    val tunnel: Boolean = false,
    /** Also issue a read-only token (ReadOnlyUrl) for watching without control. */
    val readOnly: Boolean = false,
)

/** Remote access is on. The tokens are only in the URLs' fragments (`#token=…`): a browser never sends a fragment to a server, a proxy or a Referer. */
data class RemoteStartResult(
    /** The page with full control: `http://127.0.0.1:PORT/#token=…`, or the tunnel's `https://….trycloudflare.com/#token=…`. */
    val url: String,
    /** The QR code of Url as an SVG document, for the editors. */
    val qrSvg: String,
    /** The page for watching only, when `readOnly` was asked. */
    val readOnlyUrl: String? = null,
    /** The QR code of ReadOnlyUrl. */
    val readOnlyQrSvg: String? = null,
    val port: Int,
    /** The address listened on (127.0.0.1, or the LAN address). */
    val host: String,
    /** Set when listening on the LAN: traffic there is plain HTTP, readable by anyone on the network. */
    val warning: String? = null,
    /** True when remote access was already on: the same URLs as before. */
    val alreadyRunning: Boolean = false,
    /** With a tunnel: the same full-control page on this machine (the tunnel's URL is in Url). */
    val localUrl: String? = null,
    val expiresAt: String? = null,
)

/** Whether remote access is on; never carries a token (ask `remote/start` again for the URLs). */
data class RemoteStatusResult(
    val running: Boolean,
    val port: Int? = null,
    val host: String? = null,
    /** True when a read-only token was issued. */
    val readOnlyIssued: Boolean = false,
    /** Authenticated WebSockets open now. */
    val connections: Int = 0,
    val startedAt: String? = null,
    /** The cloudflared tunnel, when remote access was started with one. */
    val tunnel: RemoteTunnelStatus? = null,
)

/** The cloudflared quick tunnel of a remote access started with `tunnel`; never its token-bearing URL. */
data class RemoteTunnelStatus(
    /** True while cloudflared runs and has given its public address. */
    val running: Boolean,
    /** The tunnel's public host name (`….trycloudflare.com`); it changes when cloudflared is restarted. */
    val host: String? = null,
    /** How many times cloudflared was restarted after it died (at most MaxRestarts). */
    val restarts: Int,
    val maxRestarts: Int,
    /** Why the tunnel is down for good (cloudflared kept dying); the page is still served on this machine. */
    val error: String? = null,
)
