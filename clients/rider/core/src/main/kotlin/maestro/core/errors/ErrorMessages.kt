package maestro.core.errors

import kotlinx.coroutines.TimeoutCancellationException
import maestro.core.protocol.ErrorKinds
import maestro.core.requests.NoAgentException
import maestro.core.rpc.ConnectionClosedException
import maestro.core.rpc.JsonRpcException

/**
 * The one place a failure becomes a sentence for the IDE's notification: by the server's error `kind` (the
 * protocol's ErrorKinds), else by the exception's type. The IDE shows [UserMessage.text]; it never shows a
 * stack trace and never lets an exception reach its error reporter.
 */
object ErrorMessages {
    fun of(error: Throwable, action: String? = null): UserMessage {
        val message = describe(error, action?.let { "$it: " }.orEmpty())
        return message.copy(text = message.text.replaceFirstChar { it.uppercaseChar() })
    }

    private fun describe(error: Throwable, prefix: String): UserMessage {
        return when (error) {
            is JsonRpcException -> rpc(error, prefix)
            is NoAgentException -> UserMessage(prefix + error.message)
            is ConnectionClosedException -> UserMessage("${prefix}the connection to maestro closed; it restarts on its own (Maestro: Show Server Output has its log).")
            is TimeoutCancellationException -> UserMessage("${prefix}maestro did not answer in time.")
            is IllegalStateException, is IllegalArgumentException -> UserMessage(prefix + (error.message ?: error.toString()))
            else -> UserMessage(prefix + (error.message ?: error.toString()))
        }
    }

    private fun rpc(e: JsonRpcException, prefix: String): UserMessage {
        val data = e.data
        val text = when (e.kind) {
            ErrorKinds.STALE_HUNK -> "the file changed since it was reviewed; the review is refreshed, decide again."
            ErrorKinds.FEATURE_NOT_LANDED -> "${data?.feature ?: data?.method ?: "this feature"} is not available in this maestro yet."
            ErrorKinds.NOT_A_REPOSITORY -> "${data?.path ?: "this folder"} is not in a git repository; review needs one."
            ErrorKinds.AGENT_UNAVAILABLE -> e.message ?: "the agent is not available."
            ErrorKinds.SESSION_NOT_FOUND -> "the session no longer exists."
            ErrorKinds.WORKTREE_DIRTY -> "the worktree has uncommitted changes" + (data?.paths?.takeIf { it.isNotEmpty() }?.let { ": ${it.joinToString(", ")}" }.orEmpty()) + "."
            ErrorKinds.PATH_OUTSIDE_WORKSPACE -> "${data?.path ?: "the path"} is outside the repository."
            ErrorKinds.BUSY -> e.message ?: "maestro is busy; try again."
            ErrorKinds.PLAYBOOK_INVALID -> e.message ?: "the Playbook is not valid."
            ErrorKinds.SHUTTING_DOWN -> "maestro is shutting down; it restarts on its own."
            ErrorKinds.PROTOCOL_VERSION_MISMATCH -> "this maestro speaks another protocol version; update the plugin or the server. (${e.message})"
            else -> e.message ?: "maestro answered error ${e.code}."
        }
        return UserMessage(prefix + text, isError = e.kind != ErrorKinds.STALE_HUNK)
    }
}
