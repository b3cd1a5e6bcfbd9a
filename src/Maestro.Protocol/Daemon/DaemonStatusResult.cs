namespace Maestro.Protocol;

/// <summary>Answer of <c>daemon/status</c>: an operations method of the per-user daemon.</summary>
public sealed record DaemonStatusResult
{
    public required int Pid { get; init; }

    public required string Version { get; init; }

    public required string Home { get; init; }

    public required string Endpoint { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required int Connections { get; init; }

    public required long WorkingSetBytes { get; init; }
}
