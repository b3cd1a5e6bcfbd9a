using System.Diagnostics;

namespace Maestro.TestSupport;

/// <summary>
/// Runs a command as another user (nobody, uid 65534) through <c>setpriv</c> (util-linux), to show what another
/// account on the machine can and cannot reach. Needs root to switch users; <see cref="Unavailable"/> says why not.
/// </summary>
public static class OtherUser
{
    public const string SetPriv = "/usr/bin/setpriv";

    /// <summary>Null when commands can run as nobody; otherwise the reason they cannot.</summary>
    public static string? Unavailable
        => !File.Exists(SetPriv) ? "setpriv (util-linux) is not installed"
            : Environment.UserName != "root" ? "switching to another user needs root"
            : null;

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] command)
    {
        using var process = Start(command);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running command as nobody; the caller reads its output and kills it.</summary>
    public static Process Start(params string[] command)
    {
        var info = new ProcessStartInfo(SetPriv) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", "--", .. command])
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }
}
