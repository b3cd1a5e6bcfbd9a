package maestro.core.rpc

import java.io.IOException

/** The connection ended (the server exited or the stream closed) while a request was pending. */
class ConnectionClosedException(message: String, cause: Throwable? = null) : IOException(message, cause)
