namespace Maestro.Protocol;

public sealed record AgentInfo
{
    /// <summary>"claude-code", "codex", "opencode", "gemini", or "acp:&lt;name&gt;".</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required AgentKind Kind { get; init; }

    public required bool Available { get; init; }

    public string? Version { get; init; }

    /// <summary>The command line that starts the agent.</summary>
    public required string Command { get; init; }

    /// <summary>Why the agent is not available, in words a user can act on.</summary>
    public string? Reason { get; init; }
}
