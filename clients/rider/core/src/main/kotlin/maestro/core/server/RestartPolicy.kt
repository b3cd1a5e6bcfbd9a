package maestro.core.server

/**
 * When to restart a server that died: at most [maxRestarts] within [windowMillis], waiting
 * [baseDelayMillis] doubled for each recent restart.
 */
class RestartPolicy(
    private val maxRestarts: Int = 5,
    private val windowMillis: Long = 60_000,
    private val baseDelayMillis: Long = 500,
    private val clock: () -> Long = System::currentTimeMillis,
) {
    private val restarts = ArrayDeque<Long>()

    /** The delay before the next restart, or null when the server died too often and should stay down. */
    @Synchronized
    fun nextDelay(): Long? {
        val now = clock()
        while (restarts.isNotEmpty() && now - restarts.first() > windowMillis) restarts.removeFirst()
        if (restarts.size >= maxRestarts) return null
        val delay = baseDelayMillis shl restarts.size
        restarts.addLast(now)
        return delay
    }

    @Synchronized
    fun reset() = restarts.clear()
}
