namespace Maestro.Server.Cli;

/// <summary>One tool <c>doctor</c> looked for.</summary>
public sealed record ToolCheck
{
    public required string Name { get; init; }

    public required bool Found { get; init; }

    public string? Path { get; init; }

    public string? Version { get; init; }

    public bool Required { get; init; }

    public string? Hint { get; init; }
}
