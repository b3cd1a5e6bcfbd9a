using System.Formats.Tar;
using CliWrap;
using Maestro.Protocol;
using Maestro.Server.Hosts.Errors;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Hosts;

/// <summary>
/// Copies this version's server to <c>~/.maestro/bin/&lt;version&gt;/</c> on a host, as VS Code Remote-SSH does:
/// a tar stream on ssh's standard input, unpacked into a temporary folder that is renamed into place once complete,
/// so a broken copy never looks installed. A version already there is left alone.
/// </summary>
public sealed class HostInstaller
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CopyTimeout = TimeSpan.FromMinutes(15);

    private readonly SshClient ssh;
    private readonly ServerBuilds builds;
    private readonly ILogger<HostInstaller> logger;

    public HostInstaller(SshClient ssh, ServerBuilds builds, ILogger<HostInstaller> logger)
    {
        this.ssh = ssh;
        this.builds = builds;
        this.logger = logger;
    }

    public async Task<HostInstallResult> InstallAsync(HostRecord host, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var probe = await ssh.RunAsync(host, ShellQuote.ShCommand(HostProbe.Script(version)), ProbeTimeout, null, cancellationToken);
        var found = HostProbe.Parse(host.Name, version, probe.StandardOutput, 0);
        var rid = found.Rid ?? throw new ServerBuildMissingException($"'{host.Name}' runs '{found.Platform}', and Maestro has server builds only for Linux and macOS on x64 and arm64.");
        if (found.Maestro is { Installed: true, SameVersion: true } present)
        {
            return new HostInstallResult { Name = host.Name, Rid = rid, Version = version, Path = present.Path, Copied = false, RemoteVersion = present.Version ?? version };
        }

        var source = builds.Find(rid)
            ?? throw new ServerBuildMissingException($"No maestro {version} for {rid} (the platform of '{host.Name}') on this machine: looked in {builds.Describe(rid)}.");
        logger.LogInformation("Installing maestro {Version} for {Rid} from {Source} on host {Host}", version, rid, source, host.Name);

        var counter = (CountingStream?)null;
        var tar = PipeSource.Create(async (destination, ct) =>
        {
            counter = new CountingStream(destination);
            await TarFile.CreateFromDirectoryAsync(source, counter, includeBaseDirectory: false, ct);
        });
        var folder = HostProbe.InstallFolder(version);
        var script = $$"""
            set -e
            d="$HOME/{{folder}}"
            t="$d.partial.$$"
            rm -rf "$t"
            mkdir -p "$t"
            tar -xf - -C "$t"
            chmod 755 "$t/maestro"
            rm -rf "$d"
            mv "$t" "$d"
            "$d/maestro" --version
            printf 'path\t%s\n' "$d/maestro"
            """;
        var copied = await ssh.RunAsync(host, ShellQuote.ShCommand(script), CopyTimeout, tar, cancellationToken);
        var path = copied.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith("path\t", StringComparison.Ordinal))?[5..];
        if (copied.ExitCode != 0 || path is null)
        {
            var said = copied.StandardError.Trim();
            throw new HostUnreachableException($"Copying maestro to '{host.Name}' failed (exit {copied.ExitCode}): {(said.Length > 0 ? said : "no message")}. Check the free space and that tar is installed on the host.");
        }

        var remoteVersion = Processes.VersionText.Extract(copied.StandardOutput)?.Split('+')[0] ?? string.Empty;
        logger.LogInformation("Installed maestro {Version} on host {Host} ({Bytes} bytes)", remoteVersion, host.Name, counter?.Written ?? 0);
        return new HostInstallResult { Name = host.Name, Rid = rid, Version = version, Path = path, Copied = true, Bytes = counter?.Written ?? 0, RemoteVersion = remoteVersion };
    }
}
