package maestro.core.server

import maestro.core.MaestroClient
import maestro.core.protocol.InitializeResult

/** What [MaestroSupervisor] reports about its server. */
sealed class ConnectionState {
    object Starting : ConnectionState()
    data class Connected(val client: MaestroClient, val initialize: InitializeResult) : ConnectionState()
    data class Restarting(val exitCode: Int, val delayMillis: Long) : ConnectionState()
    data class Failed(val reason: String) : ConnectionState()
    object Stopped : ConnectionState()
}
