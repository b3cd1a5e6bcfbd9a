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
    private readonly FileStream stream;

    private RunLock(FileStream stream)
    {
        this.stream = stream;
    }

    public static RunLock? TryAcquire(MaestroPaths paths, string playbook)
    {
        var folder = Path.Combine(paths.Home, "runs");
        Directory.CreateDirectory(folder);
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(playbook)))[..24] + ".lock";
        try
        {
            return new RunLock(new FileStream(Path.Combine(folder, name), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();
}
