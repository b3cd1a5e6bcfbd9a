namespace Maestro.Server.Agents.Running;

/// <summary>One agent process to start: executable, arguments, folder and the environment on top of the daemon's.</summary>
public sealed record AgentLaunch
{
    public required string Executable { get; init; }

    public required IReadOnlyList<string> Arguments { get; init; }

    public required string WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The Maestro session the agent works for; recorded with its process group so recovery can say what it found.</summary>
    public string? SessionId { get; init; }

    /// <summary>Text written to stdin before it is closed; null closes stdin at once.</summary>
    public string? StandardInput { get; init; }
}
