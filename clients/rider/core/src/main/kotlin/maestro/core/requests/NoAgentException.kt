package maestro.core.requests

/** No default agent is set and the server lists none available; [message] says what to do. */
class NoAgentException(message: String) : Exception(message)
