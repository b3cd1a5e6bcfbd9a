package maestro.core.rpc

/** Observes every frame on a connection; `outgoing` is true for what the client wrote. */
fun interface MessageTrace {
    fun onMessage(outgoing: Boolean, json: String)
}
