namespace Maestro.Server.Processes.Containment;

/// <summary>
/// Keeps an agent and everything it starts in one process group that Maestro can end as a whole: on cancel, on
/// close, when the daemon dies (a parent-death signal) and at the next start-up (survivors recorded in the database).
/// Linux does it (<see cref="LinuxProcessContainment"/>); elsewhere it is <see cref="NoProcessContainment"/>.
/// </summary>
public interface IProcessContainment
{
    /// <summary>True when agents really get a group of their own and a parent-death signal.</summary>
    bool Contains { get; }

    /// <summary>The command line that runs <paramref name="executable"/> as the leader of a new session and process group.</summary>
    (string Executable, IReadOnlyList<string> Arguments) Wrap(string executable, IReadOnlyList<string> arguments);

    /// <summary>What identifies a running process across pid reuse; null when it is gone.</summary>
    ProcessIdentity? Inspect(int pid);

    /// <summary>The processes of group <paramref name="processGroupId"/> started no earlier than <paramref name="notBefore"/> (clock ticks since boot).</summary>
    IReadOnlyList<int> GroupMembers(int processGroupId, long notBefore);

    /// <summary>Sends SIGKILL to the whole group; false when no process was in it.</summary>
    bool KillGroup(int processGroupId);

    /// <summary>Identifies this boot, so a record from before a reboot never names a process of this one.</summary>
    string BootId { get; }
}
