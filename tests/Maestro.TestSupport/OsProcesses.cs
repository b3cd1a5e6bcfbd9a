using System.Globalization;

namespace Maestro.TestSupport;

/// <summary>Facts about OS processes for tests that watch agents live and die (Linux <c>/proc</c>).</summary>
public static class OsProcesses
{
    /// <summary>True while <paramref name="pid"/> runs (a zombie, dead but not yet reaped, does not count).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Reads a pid a stand-in wrote to <paramref name="path"/>, waiting for the file.</summary>
    public static async Task<int> ReadPidAsync(string path, TimeSpan? timeout = null)
    {
        await Wait.UntilAsync(() => File.Exists(path), timeout ?? TimeSpan.FromSeconds(30), "the stand-in to write " + Path.GetFileName(path));
        return int.Parse((await File.ReadAllTextAsync(path)).Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Kills a process left behind by a failed test, if it still runs.</summary>
    public static void KillIfRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }
}
