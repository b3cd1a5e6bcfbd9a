package maestro.rider.actions

import com.intellij.openapi.actionSystem.AnActionEvent
import com.intellij.openapi.application.UI
import com.intellij.openapi.ui.Messages
import kotlinx.coroutines.Dispatchers
import maestro.core.protocol.StatsGetParams
import maestro.core.protocol.StatsGroupBy
import kotlinx.coroutines.withContext

/** Maestro: Show Stats — sessions, turns, tokens and cost, by agent. */
class ShowStatsAction : MaestroAction() {
    override fun actionPerformed(e: AnActionEvent) {
        val project = e.project ?: return
        background(project, "Show Stats") { host ->
            val stats = host.requireClient().stats(StatsGetParams(groupBy = StatsGroupBy.AGENT))
            val t = stats.totals
            val text = buildString {
                append("Sessions: ${t.sessions}, turns: ${t.turns}, tasks done: ${t.tasksDone}\n")
                append("Tokens: ${t.inputTokens} in, ${t.outputTokens} out; cost: $${t.costUsd}\n\n")
                stats.groups.forEach { append("${it.key}: ${it.totals.turns} turns, $${it.totals.costUsd}\n") }
            }
            withContext(Dispatchers.UI) { Messages.showInfoMessage(project, text, "Maestro Stats") }
        }
    }
}
