namespace Maestro.Server.Cli;

/// <summary>What <c>maestro daemon logs --json</c> prints: the newest log file and its last lines.</summary>
internal sealed record DaemonLogs
{
    public required string File { get; init; }

    public required IReadOnlyList<string> Lines { get; init; }
}
