using System.Runtime.InteropServices;

namespace Maestro.Server.Processes.Containment;

/// <summary>The few libc calls .NET does not expose: signalling a whole process group, and the effective user id.</summary>
internal static class LinuxSignals
{
    public const int SigKill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    /// <summary>kill(-pgid, sig): every process of the group.</summary>
    public static bool SignalGroup(int processGroupId, int signal) => processGroupId > 1 && Kill(-processGroupId, signal) == 0;

    public static uint EffectiveUserId() => GetEffectiveUserId();
}
