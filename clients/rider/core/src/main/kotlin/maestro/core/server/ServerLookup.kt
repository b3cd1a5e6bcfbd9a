package maestro.core.server

/**
 * What [ServerLocator] looks at, gathered by the caller so the lookup order is testable with any platform's inputs
 * (Windows paths and `PATH` on a Linux test machine).
 */
data class ServerLookup(
    /** The plugin's "Server path" setting, possibly empty. */
    val configuredPath: String?,
    /** `MAESTRO_BIN`: a developer's or a test's server, taken like the setting. */
    val maestroBin: String?,
    /** The plugin's own folder; the ZIP carries a server per platform under `server/<target>/`. */
    val pluginPath: String?,
    /** The `PATH` environment variable of the IDE. */
    val pathEnv: String?,
    /** `os.name` of the JVM, e.g. "Linux", "Mac OS X", "Windows 11". */
    val osName: String,
    /** `os.arch` of the JVM, e.g. "amd64", "x86_64", "aarch64". */
    val osArch: String,
    /** Whether a file exists and can be executed. */
    val isExecutable: (String) -> Boolean,
    /** Whether a file exists (a bundled server whose execute bit the plugin installer dropped is still ours). */
    val exists: (String) -> Boolean = { false },
    /** Gives a file its execute bit back; true when it worked. */
    val makeExecutable: (String) -> Boolean = { false },
)
