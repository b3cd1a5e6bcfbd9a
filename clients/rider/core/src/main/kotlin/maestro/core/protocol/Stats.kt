// GENERATED from src/Maestro.Protocol by scripts/gen-protocol.py. Do not edit by hand: change the C# records
// and run `python3 scripts/gen-protocol.py`. `./test.sh` fails when this file and the C# disagree.
@file:Suppress("unused")

package maestro.core.protocol

import com.google.gson.annotations.SerializedName
import java.math.BigDecimal

enum class CostLimitPeriod {
    @SerializedName("day") DAY,
    @SerializedName("month") MONTH,
}

enum class StatsGroupBy {
    @SerializedName("day") DAY,
    @SerializedName("agent") AGENT,
    @SerializedName("model") MODEL,
    @SerializedName("project") PROJECT,
}

/** One agent's Playbook record: tasks attempted and done, success rate, and cost per completed task. */
data class AgentLeaderboardEntry(
    val agentId: String,
    val autoRunMs: Long,
    val runs: Long,
    /** Task attempts that came to an end (done, not done or failed); stopped and interrupted ones are left out. */
    val tasksAttempted: Long,
    val tasksDone: Long,
    /** Done over attempted, 0..1; null before any attempt ended. */
    val successRate: Double? = null,
    val costUsd: BigDecimal,
    /** Cost of every attempt over the tasks done; null before a task was done. */
    val costPerTaskUsd: BigDecimal? = null,
)

/** One step of the Auto Run ladder: reached once the cumulative run time is at least FromMs. */
data class AutoRunRank(
    val level: Int,
    val name: String,
    val fromMs: Long,
)

/** A cost limit is 80 % spent (or all of it): sent to every client once per limit, period and threshold. */
data class BudgetWarningNotification(
    val period: CostLimitPeriod,
    /** The agent the limit is for; null for the limit over all agents. */
    val agentId: String? = null,
    val limitUsd: BigDecimal,
    val spentUsd: BigDecimal,
    /** 80 or 100. */
    val percent: Int,
    val message: String,
)

/** One cost limit of settings.json and what its current period (today, this month) has spent so far. */
data class CostLimitStatus(
    val period: CostLimitPeriod,
    /** The agent the limit is for; null for the limit over all agents. */
    val agentId: String? = null,
    val limitUsd: BigDecimal,
    val spentUsd: BigDecimal,
    /** Spent over the limit, rounded down: 80 and more is the warning state, 100 and more refuses new turns. */
    val percent: Int,
)

/** One group of `stats/outages`: an agent id or a local day, and its outages. */
data class OutageStatsGroup(
    val key: String,
    val totals: OutageTotals,
)

/** Provider outages that closed (docs/resilience.md), summed: how many Maestro bridged by resending, how much downtime that covered, and the share of outages that ended with the turn served. */
data class OutageTotals(
    /** Outages that closed, recovered or stopped. */
    val outages: Long = 0L,
    /** Closed as recovered: a resend was served and the turn went on. */
    val bridged: Long = 0L,
    /** Closed as stopped: cancelled, taken over by a new prompt, over the cap, or a failure not retried. */
    val stopped: Long = 0L,
    /** Outages whose turn went to the agent's failover backup. */
    val failedOver: Long = 0L,
    /** The downtime the bridged outages covered: from their first failure to the served resend. */
    val downtimeCoveredMs: Long = 0L,
    /** Bridged / Outages, from 0 to 1; null when no outage closed. */
    val recoveryRate: Double? = null,
)

/** One Playbook run on the leaderboard: how long it ran unattended and what it got done. */
data class RunLeaderboardEntry(
    val runId: String,
    val playbook: String,
    val agentId: String,
    val outcome: RunOutcome? = null,
    val durationMs: Long,
    val tasksAttempted: Long,
    val tasksDone: Long,
    val tasksFailed: Long,
    val costUsd: BigDecimal,
    val startedAt: String,
)

/** Every turn in [since, until), one row each. */
data class StatsExportParams(
    /** "csv" (the only format so far). */
    val format: String,
    val since: String? = null,
    val until: String? = null,
)

data class StatsExportResult(
    val format: String,
    val rows: Long,
    /** The file's text: RFC 4180 CSV with a header line, invariant culture, times in UTC ISO 8601. */
    val text: String,
)

/** Turns that ended in [since, until); both open when left out. */
data class StatsGetParams(
    val since: String? = null,
    val until: String? = null,
    val groupBy: StatsGroupBy? = null,
    /** Only the turns of this agent (the panel's per-day charts split by agent); every agent's when left out. */
    val agentId: String? = null,
    /** The stats of this host's daemon (`hosts/add`), as it counts its own turns; this machine's when absent. */
    val host: String? = null,
)

/** One group of `stats/get`: its key (a day, agent id, model or folder) and its totals. */
data class StatsGroup(
    val key: String,
    val totals: StatsTotals,
)

data class StatsLeaderboardParams(
    /** How many runs each run list holds (default 10, at most 100). */
    val limit: Int? = null,
)

/** The local leaderboard: cumulative Auto Run time with its rank, the longest runs, the most productive ones, and each agent's record. */
data class StatsLeaderboardResult(
    val autoRunMs: Long,
    /** Null below the first step (15 minutes). */
    val rank: AutoRunRank? = null,
    /** The step after Rank; null at the top. */
    val nextRank: AutoRunRank? = null,
    val longestRuns: List<RunLeaderboardEntry>,
    val mostTasks: List<RunLeaderboardEntry>,
    val agents: List<AgentLeaderboardEntry>,
)

/** Provider outages that closed in [since, until); both open when left out. */
data class StatsOutagesParams(
    val since: String? = null,
    val until: String? = null,
)

/** The outages of the window, in total, per agent (most outages first) and per local day (in order). */
data class StatsOutagesResult(
    val totals: OutageTotals,
    val byAgent: List<OutageStatsGroup>,
    val byDay: List<OutageStatsGroup>,
)

data class StatsResult(
    val totals: StatsTotals,
    val groupBy: StatsGroupBy? = null,
    /** Empty without `groupBy`; days in order, else the largest cost first. */
    val groups: List<StatsGroup>,
    /** Every cost limit set in settings.json (over all agents first, then per agent) with its period's spend; empty when none is set. */
    val limits: List<CostLimitStatus> = emptyList(),
)

/** Usage summed over turns. CostUsd counts only turns whose agent reported a cost; turns that used tokens without one are UncountedTurns (their tokens are in the token sums, their money nowhere). */
data class StatsTotals(
    val sessions: Long = 0L,
    val turns: Long = 0L,
    /** Wall time of the turns, prompt to end. */
    val runtimeMs: Long = 0L,
    /** Wall time less the time spent waiting out a provider outage or a permission answer. */
    val busyMs: Long = 0L,
    val inputTokens: Long = 0L,
    val outputTokens: Long = 0L,
    val cacheReadTokens: Long = 0L,
    val cacheWriteTokens: Long = 0L,
    val costUsd: BigDecimal = BigDecimal.ZERO,
    /** Turns that used tokens but whose agent reported no cost. */
    val uncountedTurns: Long = 0L,
    /** Playbook tasks checked off by turns in the window. */
    val tasksDone: Long = 0L,
)
