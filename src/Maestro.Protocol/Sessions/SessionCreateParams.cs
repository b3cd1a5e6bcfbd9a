namespace Maestro.Protocol;

public sealed record SessionCreateParams
{
    public required string AgentId { get; init; }

    public required string Cwd { get; init; }

    public string? Name { get; init; }

    public WorktreeRequest? Worktree { get; init; }

    public string? Model { get; init; }

    public PermissionMode? PermissionMode { get; init; }

    /// <summary>Extra instructions appended to the agent's system prompt, where the agent supports it.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Creates the session on this host (<c>hosts/add</c>) instead of this machine; <c>cwd</c> is then a path there.</summary>
    public string? Host { get; init; }

    /// <summary>MCP servers the agent connects to, where it takes them (Claude Code, ACP agents); see <see cref="McpServer"/>.</summary>
    public IReadOnlyList<McpServer>? McpServers { get; init; }
}
