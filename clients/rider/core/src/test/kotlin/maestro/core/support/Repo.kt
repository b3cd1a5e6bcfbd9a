package maestro.core.support

import java.io.File

/** Paths of the Maestro repository the tests run in (test.sh sets MAESTRO_REPO_ROOT and MAESTRO_BIN). */
object Repo {
    val root: File = File(System.getenv("MAESTRO_REPO_ROOT") ?: "../../..").canonicalFile
    val maestro: String = System.getenv("MAESTRO_BIN") ?: File(root, "artifacts/bin/maestro").path
    val modelServer: File = File(
        System.getenv("MAESTRO_MODEL_SERVER") ?: File(root, "tests/Maestro.ModelServerHost/bin/Release/net10.0/maestro-model-server").path,
    )
    fun agentCli(name: String): String = File(root, "tools/agents/node_modules/.bin/$name").path
    val exchanges: File = File(root, "tests/exchanges")
}
