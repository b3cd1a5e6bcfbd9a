package maestro.core.errors

/** What the IDE shows for a failure: a sentence, and whether it is an error or only information. */
data class UserMessage(val text: String, val isError: Boolean = true)
