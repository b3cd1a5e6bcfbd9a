namespace Maestro.Server.Cli;

/// <summary>What <c>maestro sessions rm --json</c> prints: the sessions deleted, in the order given.</summary>
public sealed record SessionsDeleted
{
    public required IReadOnlyList<string> Deleted { get; init; }
}
