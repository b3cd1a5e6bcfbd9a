namespace Maestro.Server.Cli;

/// <summary>What <c>maestro daemon start|stop|restart --json</c> prints.</summary>
internal sealed record DaemonOutcome
{
    /// <summary><c>started</c>, <c>alreadyRunning</c> or <c>stopped</c>.</summary>
    public required string Action { get; init; }

    public int? Pid { get; init; }

    /// <summary>The folder of the daemon's logs.</summary>
    public string? Logs { get; init; }
}
