package maestro.core.protocol

// Lifecycle messages (src/Maestro.Protocol/Lifecycle). Times are ISO 8601 strings kept as sent.

const val PROTOCOL_VERSION = "1.0"

data class ClientInfo(val name: String, val version: String? = null)

data class ClientCapabilities(val permissions: Boolean = false, val inlineDiff: Boolean = false)

data class InitializeParams(
    val protocolVersion: String = PROTOCOL_VERSION,
    val clientInfo: ClientInfo,
    val workspaceFolders: List<String> = emptyList(),
    val capabilities: ClientCapabilities = ClientCapabilities(),
)

data class ServerInfo(val name: String, val version: String)

data class ServerCapabilities(val features: List<String>, val maxMessageBytes: Int)

data class InitializeResult(
    val protocolVersion: String,
    val serverInfo: ServerInfo,
    val capabilities: ServerCapabilities,
    val agents: List<AgentInfo>,
)
