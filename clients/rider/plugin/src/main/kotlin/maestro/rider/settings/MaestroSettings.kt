package maestro.rider.settings

import com.intellij.openapi.components.BaseState
import com.intellij.openapi.components.Service
import com.intellij.openapi.components.SimplePersistentStateComponent
import com.intellij.openapi.components.State
import com.intellij.openapi.components.Storage
import com.intellij.openapi.components.service
import maestro.core.requests.ClientSettings

/** Application-wide settings: where `maestro` is, which agent new sessions use, their permission mode. */
@Service(Service.Level.APP)
@State(name = "MaestroSettings", storages = [Storage("maestro.xml")])
class MaestroSettings : SimplePersistentStateComponent<MaestroSettings.Options>(Options()) {
    class Options : BaseState() {
        /** Empty: `MAESTRO_BIN`, else the server bundled with the plugin, else `maestro` on PATH (maestro.core.server.ServerLocator). */
        var serverPath by string("")
        /** Empty: the first available agent the server lists. */
        var defaultAgent by string("claude-code")
        /** One of ask, acceptEdits, bypass (the protocol's PermissionMode). */
        var permissionMode by string("acceptEdits")
    }

    /** The settings as the core reads them. */
    fun clientSettings() = ClientSettings(serverPath = state.serverPath, defaultAgent = state.defaultAgent, permissionMode = state.permissionMode)

    companion object {
        fun getInstance(): MaestroSettings = service()
    }
}
