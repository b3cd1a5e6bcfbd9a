package maestro.core.requests

import maestro.core.protocol.AgentInfo
import maestro.core.protocol.PlaybookInfo
import maestro.core.protocol.PlaybookRunParams
import maestro.core.protocol.Run
import maestro.core.protocol.RunStatus
import maestro.core.protocol.SessionCreateParams

/** The params of every action's request, built from the settings and what the server listed. */
object Requests {
    /**
     * The agent an action uses: the configured default when set (sent as is, the server says if it is unknown),
     * else the first available agent of `agents/list`. Never an empty id.
     */
    fun agentId(settings: ClientSettings, agents: List<AgentInfo>): String =
        settings.agent
            ?: agents.firstOrNull { it.available }?.id
            ?: throw NoAgentException(
                "No agent is available" + agents.firstOrNull()?.reason?.let { " ($it)" }.orEmpty() +
                    ". Install one, or set the default agent in Settings | Tools | Maestro.",
            )

    /** New Session (and Prompt Session with no session): the project folder, the settings' permission mode. */
    fun sessionCreate(settings: ClientSettings, agentId: String, cwd: String, name: String? = null) =
        SessionCreateParams(agentId = agentId, cwd = cwd, name = name?.takeIf { it.isNotBlank() }, permissionMode = settings.mode)

    /** Run Playbook; a playbook the server found broken is refused here with its reason. */
    fun playbookRun(playbook: PlaybookInfo, agentId: String): PlaybookRunParams {
        playbook.error?.let { throw IllegalArgumentException("Playbook ${playbook.name} cannot run: $it") }
        return PlaybookRunParams(path = playbook.path, agentId = agentId)
    }

    /** The popup's line for a playbook. */
    fun playbookLabel(playbook: PlaybookInfo): String =
        playbook.error?.let { "${playbook.name} (cannot run: $it)" }
            ?: "${playbook.name} (${playbook.documents.sumOf { it.total - it.done }} tasks open)"

    /** Stop Run: the most recently started run still in progress (running, or waiting for the provider), or null. */
    fun runToStop(runs: List<Run>): Run? = runs.filter { it.status == RunStatus.RUNNING || it.status == RunStatus.WAITING }.maxByOrNull { it.startedAt }
}
