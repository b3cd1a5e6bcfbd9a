package maestro.core.review

/**
 * Maps the server's review paths (relative to the repository root, always with `/`) to absolute, system-independent
 * paths (`/` separators, a Windows drive letter upper-cased) and back. The IDE's project folder is often a Rider
 * solution folder below the root, so paths are never joined to the project folder: only to [root], the repository
 * root the server reports (`git/status`'s `root`, `review/changed`'s `cwd`).
 */
class RepoPaths(root: String) {
    /** The repository root, system-independent, without a trailing separator. */
    val root: String = normalize(root)

    /** The absolute path of a server path relative to [root]; an absolute path is only normalized. */
    fun toAbsolute(serverPath: String): String {
        val path = normalize(serverPath)
        if (isAbsolute(path)) return path
        val relative = path.removePrefix("./").trimStart('/')
        return if (relative.isEmpty() || relative == ".") root else "$root/$relative"
    }

    /** The server path (relative to [root]) of an absolute path, or null when it lies outside the repository. */
    fun toRelative(absolute: String): String? {
        val path = normalize(absolute)
        if (path == root) return "."
        return if (isUnder(path, root)) path.substring(root.length + 1) else null
    }

    companion object {
        /** `/` separators, no trailing one (except a bare root), no `.` segments, an upper-case drive letter. */
        fun normalize(path: String): String {
            var p = path.replace('\\', '/')
            val drive = p.length >= 2 && p[1] == ':' && p[0].isLetter()
            if (drive) p = p[0].uppercaseChar() + p.substring(1)
            val prefix = when {
                drive && p.length >= 3 && p[2] == '/' -> p.substring(0, 3)
                drive -> p.substring(0, 2)
                p.startsWith("//") -> "//"
                p.startsWith("/") -> "/"
                else -> ""
            }
            val parts = ArrayList<String>()
            for (part in p.substring(prefix.length).split('/')) {
                when (part) {
                    "", "." -> Unit
                    ".." -> if (parts.isNotEmpty() && parts.last() != "..") parts.removeAt(parts.size - 1) else if (prefix.isEmpty()) parts += part
                    else -> parts += part
                }
            }
            val joined = parts.joinToString("/")
            return if (prefix.isEmpty() && joined.isEmpty()) "." else prefix + joined
        }

        fun isAbsolute(path: String): Boolean {
            val p = path.replace('\\', '/')
            return p.startsWith("/") || (p.length >= 3 && p[1] == ':' && p[2] == '/' && p[0].isLetter())
        }

        /**
         * True when [path] is [folder] or inside it. Compared segment-wise, so `/r/App2` is not under `/r/App`
         * (a sibling folder sharing a prefix).
         */
        fun isUnder(path: String, folder: String): Boolean {
            val p = normalize(path)
            val f = normalize(folder)
            if (p == f) return true
            val withSlash = if (f.endsWith("/")) f else "$f/"
            return p.startsWith(withSlash)
        }
    }
}
