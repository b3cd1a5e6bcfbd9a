using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Maestro.Server.Hosting;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>
/// An exclusive lock per playbook, held while a run works through it, in any process (the daemon, <c>maestro run</c>).
/// Two runs never tick the same documents at once, and recovery resumes only a run nobody holds. The OS drops the
/// lock when its process dies, so a killed run never blocks its own resumption.
/// </summary>
public sealed class RunLock : IDisposable
{
    // The locks this process holds: a lock file that cannot be taken is another process's only when it is not here.
    private static readonly ConcurrentDictionary<string, byte> HeldHere = new(StringComparer.Ordinal);
    private readonly FileStream stream;
    private readonly string path;

    private RunLock(FileStream stream, string path)
    {
        this.stream = stream;
        this.path = path;
        HeldHere[path] = 0;
    }

    public static RunLock? TryAcquire(MaestroPaths paths, string playbook)
    {
        var path = PathOf(paths, playbook);
        try
        {
            return new RunLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>True while another live process (a <c>maestro run</c>) works through <paramref name="playbook"/>.</summary>
    public static bool IsHeldElsewhere(MaestroPaths paths, string playbook)
    {
        var path = PathOf(paths, playbook);
        if (HeldHere.ContainsKey(path) || !File.Exists(path))
        {
            return false;
        }

        using var probe = TryAcquire(paths, playbook);
        return probe is null;
    }

    public void Dispose()
    {
        HeldHere.TryRemove(path, out _);
        stream.Dispose();
    }

    private static string PathOf(MaestroPaths paths, string playbook)
    {
        var folder = Path.Combine(paths.Home, "runs");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(playbook)))[..24] + ".lock");
    }
}
