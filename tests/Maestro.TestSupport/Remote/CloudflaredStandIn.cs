using System.Globalization;
using Maestro.TestSupport.Agents;

namespace Maestro.TestSupport.Remote;

/// <summary>
/// A STAND-IN for cloudflared, not the real one (tests/Maestro.TestSupport/Remote/cloudflared-standin): it prints a
/// quick tunnel's log with a made-up <c>https://standin-….trycloudflare.com</c> address and stays up, reaching
/// nothing. Each instance is a folder holding a <c>cloudflared</c> that runs it (so the folder can go on PATH), with
/// the pids and arguments of every start written beside it.
/// </summary>
public sealed class CloudflaredStandIn
{
    private CloudflaredStandIn(string folder)
    {
        Folder = folder;
    }

    public static string Script => System.IO.Path.Combine(RepoRoot.Path, "tests", "Maestro.TestSupport", "Remote", "cloudflared-standin");

    /// <summary>Holds <see cref="Path"/>: put it on PATH to have it found as <c>cloudflared</c>.</summary>
    public string Folder { get; }

    public string Path => System.IO.Path.Combine(Folder, "cloudflared");

    private string PidsFile => System.IO.Path.Combine(Folder, "pids");

    private string ArgsFile => System.IO.Path.Combine(Folder, "args");

    /// <param name="mode">normal, silent (never prints the address) or refused (exits 1 with Cloudflare's 429).</param>
    public static CloudflaredStandIn Create(string parent, string mode = "normal")
    {
        var folder = System.IO.Path.Combine(parent, "cloudflared-standin-" + mode);
        Directory.CreateDirectory(folder);
        var standIn = new CloudflaredStandIn(folder);
        File.WriteAllText(standIn.Path, $"""
            #!/bin/sh
            # STAND-IN for cloudflared (Maestro tests only).
            export CLOUDFLARED_STANDIN_MODE='{mode}'
            export CLOUDFLARED_STANDIN_PIDS='{standIn.PidsFile}'
            export CLOUDFLARED_STANDIN_ARGS='{standIn.ArgsFile}'
            exec '{Script}' "$@"

            """.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(standIn.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return standIn;
    }

    /// <summary>The pid of every start so far, oldest first.</summary>
    public IReadOnlyList<int> Pids => File.Exists(PidsFile)
        ? [.. File.ReadAllLines(PidsFile).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture))]
        : [];

    /// <summary>The arguments of every start so far, one line each.</summary>
    public IReadOnlyList<string> Arguments => File.Exists(ArgsFile) ? File.ReadAllLines(ArgsFile) : [];

    /// <summary>True while process <paramref name="pid"/> runs (a zombie counts as gone).</summary>
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
