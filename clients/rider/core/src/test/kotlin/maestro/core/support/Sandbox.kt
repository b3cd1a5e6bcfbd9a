package maestro.core.support

import com.google.gson.GsonBuilder
import java.io.File
import java.nio.file.Files

/** A fresh MAESTRO_HOME, an agent HOME/TMPDIR and a git repository with one commit; [close] deletes them. */
class Sandbox : AutoCloseable {
    val root: File = Files.createTempDirectory("mk-").toFile()
    val maestroHome = File(root, "maestro").apply { mkdirs() }
    val home = File(root, "home").apply { mkdirs() }
    val tmp = File(root, "tmp").apply { mkdirs() }
    val repo = File(root, "repo").apply { mkdirs() }

    init {
        File(repo, "README.md").writeText("# sandbox\n")
        git("init", "-q", "-b", "main")
        git("add", "README.md")
        git("commit", "-q", "-m", "init")
    }

    /** Runs git in [repo] and returns its output; a failure is an assertion error. */
    fun git(vararg args: String): String {
        val builder = ProcessBuilder(listOf("git") + args).directory(repo).redirectErrorStream(true)
        builder.environment().putAll(
            mapOf("GIT_AUTHOR_NAME" to "t", "GIT_AUTHOR_EMAIL" to "t@t", "GIT_COMMITTER_NAME" to "t", "GIT_COMMITTER_EMAIL" to "t@t"),
        )
        val p = builder.start()
        val out = p.inputStream.readAllBytes().decodeToString()
        check(p.waitFor() == 0) { "git ${args.joinToString(" ")}: $out" }
        return out
    }

    /** Writes settings.json pointing [agentId] at the CLI [cli] from tools/agents, talking to [modelUrl]. */
    fun configureClaude(agentId: String, cli: String, modelUrl: String) {
        val env = mapOf(
            "PATH" to "/usr/local/bin:/usr/bin:/bin",
            "HOME" to home.path,
            "TMPDIR" to tmp.path,
            "XDG_CONFIG_HOME" to File(home, ".config").path,
            "XDG_DATA_HOME" to File(home, ".local/share").path,
            "XDG_CACHE_HOME" to File(home, ".cache").path,
            "ANTHROPIC_BASE_URL" to modelUrl,
            "ANTHROPIC_API_KEY" to "test-key",
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC" to "1",
            "DISABLE_AUTOUPDATER" to "1",
            "IS_SANDBOX" to "1",
        )
        val settings = mapOf("agents" to mapOf(agentId to mapOf("path" to Repo.agentCli(cli), "env" to env)))
        File(maestroHome, "settings.json").writeText(GsonBuilder().create().toJson(settings))
    }

    override fun close() {
        root.deleteRecursively()
    }
}
