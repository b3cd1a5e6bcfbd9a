package maestro.core.server

import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * The lookup order of VS Code's binaryLocator.ts, on every platform's inputs: Windows paths, `;` PATH and `.exe` on
 * this Linux machine; a bundled server for another platform never chosen; a setting that names nothing is an error.
 */
class ServerLocatorTest {
    private fun lookup(
        existing: Set<String>,
        osName: String = "Linux",
        osArch: String = "amd64",
        configured: String? = null,
        bin: String? = null,
        pluginPath: String? = "/home/me/.local/share/JetBrains/Rider2025.3/maestro-rider",
        pathEnv: String? = "/usr/local/bin:/usr/bin",
    ) = ServerLookup(configured, bin, pluginPath, pathEnv, osName, osArch, isExecutable = { it in existing })

    @Test
    fun `JVM platform names map to the bundle targets VS Code uses`() {
        assertEquals("linux-x64", ServerLocator.target("Linux", "amd64"))
        assertEquals("linux-arm64", ServerLocator.target("Linux", "aarch64"))
        assertEquals("darwin-arm64", ServerLocator.target("Mac OS X", "aarch64"))
        assertEquals("darwin-x64", ServerLocator.target("Mac OS X", "x86_64"))
        assertEquals("win32-x64", ServerLocator.target("Windows 11", "amd64"))
        assertNull(ServerLocator.target("Windows 11", "aarch64"), "no win32-arm64 server is built")
        assertNull(ServerLocator.target("FreeBSD", "amd64"))
        assertEquals("server/win32-x64/maestro.exe", ServerLocator.bundledServerPath("win32-x64"))
        assertEquals("server/linux-x64/maestro", ServerLocator.bundledServerPath("linux-x64"))
    }

    @Test
    fun `the setting first, then MAESTRO_BIN, then the bundled server, then PATH`() {
        val bundled = "/home/me/.local/share/JetBrains/Rider2025.3/maestro-rider/server/linux-x64/maestro"
        val all = setOf("/opt/maestro", "/dev/maestro", bundled, "/usr/bin/maestro")
        assertEquals(LocatedServer.Found("/opt/maestro", "setting"), ServerLocator.locate(lookup(all, configured = " /opt/maestro ", bin = "/dev/maestro")))
        assertEquals(LocatedServer.Found("/dev/maestro", "MAESTRO_BIN"), ServerLocator.locate(lookup(all, configured = "  ", bin = "/dev/maestro")))
        assertEquals(LocatedServer.Found(bundled, "bundled"), ServerLocator.locate(lookup(all)))
        assertEquals(LocatedServer.Found("/usr/bin/maestro", "PATH"), ServerLocator.locate(lookup(all - bundled)))
    }

    @Test
    fun `a configured path that names nothing is an error, not a fall-through`() {
        val missing = ServerLocator.locate(lookup(setOf("/usr/bin/maestro"), configured = "/opt/nothing/maestro"))
        assertIs<LocatedServer.Missing>(missing)
        assertTrue("/opt/nothing/maestro" in missing.message && "Settings | Tools | Maestro" in missing.message, missing.message)
    }

    @Test
    fun `Windows inputs - backslashes, drive letters, semicolon PATH, maestro exe`() {
        val plugin = """C:\Users\me\AppData\Roaming\JetBrains\Rider2025.3\plugins\maestro-rider"""
        val bundled = """$plugin\server\win32-x64\maestro.exe"""
        val onPath = """C:\Tools\bin\maestro.exe"""
        val windows = { existing: Set<String> -> lookup(existing, osName = "Windows 11", pluginPath = "$plugin\\", pathEnv = """C:\Windows;C:\Tools\bin\;""") }
        assertEquals(LocatedServer.Found(bundled, "bundled"), ServerLocator.locate(windows(setOf(bundled, onPath))))
        assertEquals(LocatedServer.Found(onPath, "PATH"), ServerLocator.locate(windows(setOf(onPath))))
        val none = ServerLocator.locate(windows(setOf("""C:\Tools\bin\maestro""")))
        assertIs<LocatedServer.Missing>(none, "a file without .exe is not the Windows server")
        assertTrue("win32-x64" in none.message, none.message)
    }

    @Test
    fun `a server bundled for another platform is never run`() {
        val plugin = "/opt/rider/plugins/maestro-rider"
        val otherPlatform = setOf("$plugin/server/linux-x64/maestro", "$plugin/server/darwin-x64/maestro")
        val located = ServerLocator.locate(lookup(otherPlatform, osArch = "aarch64", pluginPath = plugin, pathEnv = ""))
        assertIs<LocatedServer.Missing>(located)
        assertTrue("linux-arm64" in located.message && "dotnet tool install" in located.message, located.message)
    }

    @Test
    fun `a bundled server that lost its execute bit in the installer gets it back`() {
        val plugin = Files.createTempDirectory("maestro-plugin").toFile()
        try {
            val server = File(plugin, "server/linux-x64/maestro").apply {
                parentFile.mkdirs()
                writeText("#!/bin/sh\n")
                setExecutable(false)
            }
            val system = ServerLocator.systemLookup(configuredPath = null, pluginPath = plugin.path)
                .copy(maestroBin = null, osName = "Linux", osArch = "amd64", pathEnv = "")
            assertEquals(LocatedServer.Found(server.path, "bundled"), ServerLocator.locate(system))
            assertTrue(server.canExecute())
        } finally {
            plugin.deleteRecursively()
        }
    }
}
