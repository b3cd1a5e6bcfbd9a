package maestro.core.review

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.io.File

/**
 * The index (staged) version of a file, the left side of the review diff: `git show :<path>` in the repository
 * root. Runs on [Dispatchers.IO], never on the caller's thread (the IDE's UI thread must not wait on git).
 * A file not in the index (untracked, added after) reads as empty.
 */
object IndexContent {
    suspend fun read(root: String, relativePath: String): String = withContext(Dispatchers.IO) {
        val process = ProcessBuilder("git", "show", ":$relativePath")
            .directory(File(root))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start()
        val text = process.inputStream.use { it.readAllBytes().decodeToString() }
        if (process.waitFor() == 0) text else ""
    }
}
