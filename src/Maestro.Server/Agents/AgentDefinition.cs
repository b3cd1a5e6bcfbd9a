using Maestro.Protocol;

namespace Maestro.Server.Agents;

/// <summary>How to find and start one agent CLI.</summary>
public sealed record AgentDefinition
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required AgentKind Kind { get; init; }

    /// <summary>The executable looked up on PATH, or a path.</summary>
    public required string Executable { get; init; }

    /// <summary>Arguments that always follow the executable (e.g. <c>--acp</c>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Where to get it, said when it is missing.</summary>
    public required string InstallHint { get; init; }

    public string CommandLine => Arguments.Count == 0 ? Executable : Executable + " " + string.Join(' ', Arguments);
}
