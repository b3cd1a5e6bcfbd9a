namespace Maestro.Protocol;

/// <summary>
/// Changes what the session's next turn runs with; fields left out stay as they are. A different agent starts a fresh
/// conversation with that agent in the same Maestro session (its transcript stays); its model then resets to the
/// agent's default unless <see cref="Model"/> names one. An empty <see cref="Model"/> also means the agent's default.
/// A <see cref="Worktree"/> moves the session into a fresh worktree on a new branch, made from the HEAD of the folder it
/// works in now; its next turn starts a fresh conversation there (agents keep conversations per folder). Changes not
/// committed stay in the old folder.
/// </summary>
public sealed record SessionConfigureParams
{
    public required string SessionId { get; init; }

    public string? AgentId { get; init; }

    public string? Model { get; init; }

    public PermissionMode? PermissionMode { get; init; }

    public WorktreeRequest? Worktree { get; init; }

    /// <summary>Replaces the MCP servers of the session's next turns (an empty list removes them).</summary>
    public IReadOnlyList<McpServer>? McpServers { get; init; }
}
