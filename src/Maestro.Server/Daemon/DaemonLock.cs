namespace Maestro.Server.Daemon;

/// <summary>
/// An exclusive lock on <c>daemon.lock</c>, held for the daemon's life. The OS drops it when the
/// process dies, so a crashed daemon never blocks the next one; whoever holds it owns the socket.
/// </summary>
public sealed class DaemonLock : IDisposable
{
    private readonly FileStream stream;

    private DaemonLock(FileStream stream)
    {
        this.stream = stream;
    }

    public static DaemonLock? TryAcquire(string path)
    {
        try
        {
            return new DaemonLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();
}
