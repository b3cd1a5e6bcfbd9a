package maestro.core.protocol

import java.math.BigDecimal

data class StatsGetParams(val since: String? = null)
data class StatsTotals(
    val sessions: Long,
    val turns: Long,
    val runtimeMs: Long,
    val inputTokens: Long,
    val outputTokens: Long,
    val costUsd: BigDecimal,
    val tasksDone: Long,
)
data class AgentStats(val agentId: String, val totals: StatsTotals)
data class LeaderboardEntry(val agentId: String, val tasksDone: Long, val costUsd: BigDecimal, val runtimeMs: Long)
data class StatsResult(val totals: StatsTotals, val byAgent: List<AgentStats>, val leaderboard: List<LeaderboardEntry>)

data class RemoteStartParams(val lan: Boolean = false, val port: Int? = null, val tunnel: Boolean = false)
data class RemoteStartResult(val url: String, val qrSvg: String, val expiresAt: String? = null)

data class DaemonStatusResult(
    val pid: Int,
    val version: String,
    val home: String,
    val endpoint: String,
    val startedAt: String,
    val connections: Int,
    val workingSetBytes: Long,
)
