using Maestro.Protocol;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// What <c>maestro acp</c> was started with (an editor's <c>acp.json</c> / <c>agent_servers</c> entry passes these as
/// arguments): the backend agent, model and permission mode of the sessions it creates. Null leaves the daemon's default.
/// </summary>
public sealed record AcpAgentOptions
{
    /// <summary>The backend agent when none is given: Claude Code.</summary>
    public const string DefaultAgentId = "claude-code";

    public string AgentId { get; init; } = DefaultAgentId;

    public string? Model { get; init; }

    public PermissionMode? PermissionMode { get; init; }
}
