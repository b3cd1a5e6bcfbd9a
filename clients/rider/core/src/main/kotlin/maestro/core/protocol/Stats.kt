// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

import java.math.BigDecimal

data class AgentStats(
    val agentId: String,
    val totals: StatsTotals,
)

data class LeaderboardEntry(
    val agentId: String,
    val tasksDone: Long,
    val costUsd: BigDecimal,
    val runtimeMs: Long,
)

data class StatsGetParams(
    val since: String? = null,
)

data class StatsResult(
    val totals: StatsTotals,
    val byAgent: List<AgentStats>,
    val leaderboard: List<LeaderboardEntry>,
)

data class StatsTotals(
    val sessions: Long = 0L,
    val turns: Long = 0L,
    val runtimeMs: Long = 0L,
    val inputTokens: Long = 0L,
    val outputTokens: Long = 0L,
    val costUsd: BigDecimal = BigDecimal.ZERO,
    val tasksDone: Long = 0L,
)
