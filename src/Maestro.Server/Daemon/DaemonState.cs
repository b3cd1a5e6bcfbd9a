namespace Maestro.Server.Daemon;

/// <summary>What the running daemon reports about itself.</summary>
public sealed class DaemonState
{
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public string Endpoint { get; set; } = string.Empty;
}
