namespace Maestro.Server.Agents.Containment;

/// <summary>
/// An agent process group as stored while it runs: enough to find it again after a crash (pid and start time
/// survive pid reuse, the boot id survives a reboot) and to know whose it is (the Maestro process that started it).
/// </summary>
public sealed record AgentProcessRecord
{
    public required int Pid { get; init; }

    public required long StartTime { get; init; }

    public required int ProcessGroupId { get; init; }

    public required int ProcessSessionId { get; init; }

    public required string BootId { get; init; }

    public string? SessionId { get; init; }

    public required int OwnerPid { get; init; }

    public required long OwnerStartTime { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
}
