package maestro.core.server

/** No server to start: the message says which setting or install fixes it. Never retried (nothing would change). */
class ServerNotFoundException(message: String) : Exception(message)
