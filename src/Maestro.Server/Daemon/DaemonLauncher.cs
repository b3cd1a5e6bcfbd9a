using System.Diagnostics;
using Maestro.Server.Hosting;

namespace Maestro.Server.Daemon;

/// <summary>Starts <c>maestro daemon --background</c> detached from the caller: its own session, no inherited stdio.</summary>
public static class DaemonLauncher
{
    public static void Start(MaestroPaths paths)
    {
        paths.EnsureHome();
        var (executable, prefix) = SelfCommand();
        var arguments = prefix.Concat(["daemon", "--background"]).ToList();
        if (OperatingSystem.IsWindows())
        {
            var info = new ProcessStartInfo(executable)
            {
                UseShellExecute = false,
                CreateNoWindow = true,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

#pragma warning disable RS0030 // the daemon outlives its starter: ProcessRunner would tie it to this process
            using var process = Process.Start(info);
#pragma warning restore RS0030
            return;
        }

        // The shell backgrounds the daemon in a new session (setsid) with /dev/null as stdio, so it
        // neither holds the editor's pipes open nor dies with the editor's process group.
        var shell = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add(
            "if command -v setsid >/dev/null 2>&1; then setsid \"$0\" \"$@\" </dev/null >/dev/null 2>&1 & " +
            "else nohup \"$0\" \"$@\" </dev/null >/dev/null 2>&1 & fi");
        shell.ArgumentList.Add(executable);
        foreach (var argument in arguments)
        {
            shell.ArgumentList.Add(argument);
        }

#pragma warning disable RS0030 // as above: a detached shell starts the daemon in its own session
        using var launcher = Process.Start(shell) ?? throw new InvalidOperationException("Could not run /bin/sh to start the daemon.");
#pragma warning restore RS0030
        launcher.WaitForExit();
    }

    /// <summary>How to run this same program again: the app host, or <c>dotnet maestro.dll</c>.</summary>
    public static (string Executable, IReadOnlyList<string> Prefix) SelfCommand()
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        var name = Path.GetFileNameWithoutExtension(processPath);
        if (name.Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var assembly = typeof(DaemonLauncher).Assembly.Location;
            return (processPath, [assembly]);
        }

        return (processPath, []);
    }
}
