namespace Maestro.Protocol;

/// <summary>
/// The ids of the agents Maestro knows out of the box (<c>AgentInfo.Id</c>, <c>agentId</c> in params). An ACP agent
/// configured in settings.json has an id of its own that starts with <see cref="AcpPrefix"/>.
/// </summary>
public static class AgentIds
{
    public const string ClaudeCode = "claude-code";
    public const string Codex = "codex";
    public const string OpenCode = "opencode";
    public const string Gemini = "gemini";
    public const string AcpClaude = "acp:claude";
    public const string AcpCodex = "acp:codex";
    public const string AcpGemini = "acp:gemini";
    public const string AcpOpenCode = "acp:opencode";
    public const string AcpPrefix = "acp:";
}
