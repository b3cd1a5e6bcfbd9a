package maestro.core.server

/** Where the server binary was found, and by which rule ([source]: setting, MAESTRO_BIN, bundled, PATH), or why not. */
sealed interface LocatedServer {
    data class Found(val path: String, val source: String) : LocatedServer

    data class Missing(val message: String) : LocatedServer
}
