// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

import com.google.gson.JsonElement

/** Params of `$/cancelRequest`: the id of the request to cancel, a number or a string as sent. */
data class CancelRequestParams(
    val id: JsonElement,
)

data class ClientCapabilities(
    /** The client answers `permissions/request`. */
    val permissions: Boolean = false,
    /** The client shows inline diffs and listens to `review/changed`. */
    val inlineDiff: Boolean = false,
    val batchedEvents: Boolean = false,
)

data class ClientInfo(
    val name: String,
    val version: String? = null,
)

data class InitializeParams(
    /** "major.minor"; the major must equal Major. */
    val protocolVersion: String,
    val clientInfo: ClientInfo,
    val workspaceFolders: List<String> = emptyList(),
    val capabilities: ClientCapabilities = ClientCapabilities(),
)

data class InitializeResult(
    val protocolVersion: String,
    val serverInfo: ServerInfo,
    val capabilities: ServerCapabilities,
    val agents: List<AgentInfo>,
)

data class ServerCapabilities(
    /** Features that have landed in this server, e.g. "lifecycle", "agents", "git"; methods of others answer -32601. */
    val features: List<String>,
    /** The largest message the server reads, in bytes. */
    val maxMessageBytes: Int,
)

data class ServerInfo(
    val name: String,
    val version: String,
)
