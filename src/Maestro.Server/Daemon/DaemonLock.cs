using System.Globalization;
using Maestro.Server.Hosting;

namespace Maestro.Server.Daemon;

/// <summary>
/// An exclusive lock on <c>daemon.lock</c>, held for the daemon's life. The OS drops it when the
/// process dies, so a crashed daemon never blocks the next one; whoever holds it owns the socket and the
/// sessions. It is taken before the database is opened: a second daemon must not touch anything.
/// The holder's pid is written to <c>daemon.pid</c> for the one that finds the lock taken.
/// </summary>
public sealed class DaemonLock : IDisposable
{
    private readonly FileStream stream;

    private DaemonLock(FileStream stream)
    {
        this.stream = stream;
    }

    public static DaemonLock? TryAcquire(MaestroPaths paths)
    {
        DaemonLock acquired;
        try
        {
            acquired = new DaemonLock(new FileStream(paths.DaemonLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }

        PrivateFiles.WriteAllText(paths.DaemonPidPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return acquired;
    }

    /// <summary>The pid the lock holder wrote; null when unknown.</summary>
    public static int? HolderPid(MaestroPaths paths)
    {
        try
        {
            return int.TryParse(File.ReadAllText(paths.DaemonPidPath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();
}
