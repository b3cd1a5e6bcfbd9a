using Maestro.Protocol;

namespace Maestro.Server.Agents.Running;

/// <summary>Everything an adapter needs to run one turn of a session.</summary>
public sealed record AgentTurn
{
    public required string TurnId { get; init; }

    /// <summary>Maestro's id of the session the turn belongs to.</summary>
    public required string SessionId { get; init; }

    public required string Prompt { get; init; }

    /// <summary>Where the agent works: the session's folder or worktree.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The agent's own conversation id from an earlier turn; null on the first.</summary>
    public string? AgentSessionId { get; init; }

    public string? Model { get; init; }

    public PermissionMode PermissionMode { get; init; }

    public string? SystemPrompt { get; init; }

    /// <summary>The MCP servers the session was given; the agents that take them connect to them.</summary>
    public IReadOnlyList<McpServer> McpServers { get; init; } = [];
}
