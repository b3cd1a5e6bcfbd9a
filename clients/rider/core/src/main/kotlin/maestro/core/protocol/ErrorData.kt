package maestro.core.protocol

/** The `data` of every error Maestro raises. */
data class ErrorData(
    val kind: String,
    val method: String? = null,
    val feature: String? = null,
    val path: String? = null,
    val paths: List<String>? = null,
    val hunkIds: List<String>? = null,
    val serverVersion: String? = null,
    val clientVersion: String? = null,
)
