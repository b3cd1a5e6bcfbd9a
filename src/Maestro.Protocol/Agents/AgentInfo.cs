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

    /// <summary>
    /// Model names to offer for this agent (<c>agents.ID.models</c> in settings.json, else the names the agent's own
    /// documentation gives, such as Claude Code's aliases); absent when Maestro knows none. Any other name the agent
    /// takes works too (<c>sessions/configure</c>, <c>--model</c>).
    /// </summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>
    /// The context window of the agent's model in tokens (<c>agents.ID.contextWindow</c> in settings.json, else the
    /// size the agent's documentation gives); absent when Maestro knows none.
    /// </summary>
    public long? ContextWindow { get; init; }
}
