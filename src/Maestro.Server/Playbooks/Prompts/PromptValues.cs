namespace Maestro.Server.Playbooks.Prompts;

/// <summary>What a prompt template is filled with for one task.</summary>
/// <param name="AgentId">The run's agent, for the anchor's <c>{{AGENT_NAME}}</c>.</param>
/// <param name="Cwd">The folder the agent works in, for <c>{{CWD}}</c> and <c>{{AGENT_PATH}}</c>.</param>
/// <param name="GitBranch">The branch of <paramref name="Cwd"/>, for <c>{{GIT_BRANCH}}</c>; null outside git.</param>
/// <param name="Now">The local time the task starts, for <c>{{DATE}}</c> and <c>{{TIME}}</c>.</param>
public sealed record PromptValues(
    string Playbook,
    string Document,
    string Task,
    int Line,
    string Section,
    string Context,
    int Loop,
    string AgentId = "",
    string Cwd = "",
    string? GitBranch = null,
    DateTimeOffset Now = default);
