namespace Maestro.Server.Processes.Containment;

/// <summary>A process as the kernel describes it: its group, its session, when it started (clock ticks since boot), and whether it is only a zombie.</summary>
public sealed record ProcessIdentity(int Pid, int ProcessGroupId, int SessionId, long StartTime, bool Zombie = false);
