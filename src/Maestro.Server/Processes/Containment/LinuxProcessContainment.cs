using System.Globalization;

namespace Maestro.Server.Processes.Containment;

/// <summary>
/// Linux: the agent is started through <c>setsid</c> (a new session, so a new process group whose id is the agent's
/// pid) and <c>setpriv --pdeathsig KILL</c> (the kernel kills the agent when the thread that started it dies, which
/// is why agents are started from one thread that lives as long as the daemon: <see cref="ProcessStartThread"/>).
/// Both are util-linux programs present on every distribution; without them agents run uncontained, with a warning.
/// Process facts come from <c>/proc</c>.
/// </summary>
public sealed class LinuxProcessContainment : IProcessContainment
{
    private readonly string? setsid;
    private readonly string? setpriv;

    public LinuxProcessContainment()
    {
        setsid = ExecutableLocator.Find("setsid");
        setpriv = ExecutableLocator.Find("setpriv");
    }

    public bool Contains => setsid is not null;

    public string BootId { get; } = ReadBootId();

    public (string Executable, IReadOnlyList<string> Arguments) Wrap(string executable, IReadOnlyList<string> arguments)
    {
        if (setsid is null)
        {
            return (executable, arguments);
        }

        var wrapped = new List<string>();
        if (setpriv is not null)
        {
            wrapped.AddRange([setpriv, "--pdeathsig", "KILL", "--"]);
        }

        wrapped.Add(executable);
        wrapped.AddRange(arguments);
        return (setsid, wrapped);
    }

    public ProcessIdentity? Inspect(int pid)
    {
        try
        {
            return Parse(pid, File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public IReadOnlyList<int> GroupMembers(int processGroupId, long notBefore)
    {
        var members = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Inspect(pid) is { } identity
                && identity.ProcessGroupId == processGroupId
                && identity.StartTime >= notBefore
                && !identity.Zombie)
            {
                members.Add(pid);
            }
        }

        return members;
    }

    public bool KillGroup(int processGroupId)
    {
        // Never our own group: that would kill Maestro itself.
        if (processGroupId == Environment.ProcessId || Inspect(Environment.ProcessId)?.ProcessGroupId == processGroupId)
        {
            return false;
        }

        return LinuxSignals.SignalGroup(processGroupId, LinuxSignals.SigKill);
    }

    /// <summary>Fields after the command name (which may hold spaces and parentheses): state, ppid, pgrp, session, ... starttime is the 20th.</summary>
    internal static ProcessIdentity Parse(int pid, string stat)
    {
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return new ProcessIdentity(
            pid,
            int.Parse(rest[2], CultureInfo.InvariantCulture),
            int.Parse(rest[3], CultureInfo.InvariantCulture),
            long.Parse(rest[19], CultureInfo.InvariantCulture),
            rest[0] == "Z");
    }

    private static string ReadBootId()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}
