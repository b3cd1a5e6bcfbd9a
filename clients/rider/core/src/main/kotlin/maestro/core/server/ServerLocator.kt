package maestro.core.server

/**
 * Finds `maestro` in the order VS Code's extension does (clients/vscode/src/server/binaryLocator.ts): the "Server
 * path" setting (or `MAESTRO_BIN`), then the server bundled in the plugin for this platform, then `maestro` on PATH.
 * A configured path that does not exist is an error, not a silent fall-through: the user asked for it. A server
 * bundled for another platform is never run.
 */
object ServerLocator {
    /** The platforms a server is bundled for, named as VS Code names its VSIX targets (the same folders in both). */
    val bundledTargets = listOf("linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "win32-x64")

    /** The bundle target of a JVM's `os.name` and `os.arch`, or null when none is built for it. */
    fun target(osName: String, osArch: String): String? {
        val os = when {
            osName.startsWith("Windows", ignoreCase = true) -> "win32"
            osName.startsWith("Mac", ignoreCase = true) || osName.startsWith("Darwin", ignoreCase = true) -> "darwin"
            osName.startsWith("Linux", ignoreCase = true) -> "linux"
            else -> return null
        }
        val arch = when (osArch.lowercase()) {
            "amd64", "x86_64", "x64" -> "x64"
            "aarch64", "arm64" -> "arm64"
            else -> return null
        }
        return "$os-$arch".takeIf { it in bundledTargets }
    }

    /** Where the plugin keeps a target's server, relative to its folder: `server/<target>/maestro[.exe]`. */
    fun bundledServerPath(target: String): String = "server/$target/${exeName(target.startsWith("win32"))}"

    fun locate(lookup: ServerLookup): LocatedServer {
        val windows = lookup.osName.startsWith("Windows", ignoreCase = true)
        lookup.configuredPath?.trim()?.takeIf { it.isNotEmpty() }?.let { configured ->
            return if (lookup.isExecutable(configured)) {
                LocatedServer.Found(configured, "setting")
            } else {
                LocatedServer.Missing(
                    "The Maestro server set in Settings | Tools | Maestro ($configured) does not exist or is not executable. " +
                        "Fix the path, or clear it to use the server bundled with the plugin.",
                )
            }
        }
        lookup.maestroBin?.trim()?.takeIf { it.isNotEmpty() }?.let { bin ->
            return if (lookup.isExecutable(bin)) {
                LocatedServer.Found(bin, "MAESTRO_BIN")
            } else {
                LocatedServer.Missing("MAESTRO_BIN is set to $bin, which does not exist or is not executable. Unset it or point it at a maestro binary.")
            }
        }

        val target = target(lookup.osName, lookup.osArch)
        val pluginPath = lookup.pluginPath?.takeIf { it.isNotBlank() }
        if (target != null && pluginPath != null) {
            val bundled = join(windows, pluginPath, *bundledServerPath(target).split('/').toTypedArray())
            if (lookup.isExecutable(bundled)) return LocatedServer.Found(bundled, "bundled")
            // A ZIP extracted without its Unix modes leaves the server there but not executable.
            if (!windows && lookup.exists(bundled) && lookup.makeExecutable(bundled) && lookup.isExecutable(bundled)) {
                return LocatedServer.Found(bundled, "bundled")
            }
        }

        val name = exeName(windows)
        for (dir in (lookup.pathEnv ?: "").split(if (windows) ';' else ':')) {
            if (dir.isBlank()) continue
            val candidate = join(windows, dir, name)
            if (lookup.isExecutable(candidate)) return LocatedServer.Found(candidate, "PATH")
        }

        val platform = target ?: "${lookup.osName} ${lookup.osArch}"
        return LocatedServer.Missing(
            "The Maestro server was not found: this plugin carries none for $platform and `maestro` is not on PATH. " +
                "Install the CLI (`dotnet tool install -g Maestro.Cli`) and restart the IDE from a shell that has it on PATH, " +
                "or set Settings | Tools | Maestro | Server path to a maestro binary.",
        )
    }

    /** The lookup with this JVM's platform, PATH and file system. */
    fun systemLookup(configuredPath: String?, pluginPath: String?): ServerLookup = ServerLookup(
        configuredPath = configuredPath,
        maestroBin = System.getenv("MAESTRO_BIN"),
        pluginPath = pluginPath,
        pathEnv = System.getenv("PATH"),
        osName = System.getProperty("os.name") ?: "",
        osArch = System.getProperty("os.arch") ?: "",
        isExecutable = { java.io.File(it).let { f -> f.isFile && f.canExecute() } },
        exists = { java.io.File(it).isFile },
        makeExecutable = { java.io.File(it).setExecutable(true) },
    )

    private fun exeName(windows: Boolean) = if (windows) "maestro.exe" else "maestro"

    /** Joins with the target platform's separator, whatever the host running this code. */
    private fun join(windows: Boolean, first: String, vararg rest: String): String {
        val separator = if (windows) '\\' else '/'
        return rest.fold(first.trimEnd('/', '\\')) { acc, part -> "$acc$separator$part" }
    }
}
