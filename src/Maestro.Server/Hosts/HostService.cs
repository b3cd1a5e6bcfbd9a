using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Maestro.Protocol;
using Maestro.Server.Errors;
using Maestro.Server.Hosting;
using Maestro.Server.Hosts.Errors;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Hosts;

/// <summary>
/// The hosts agents can run on over SSH (docs/hosts.md): adding, listing and removing them, testing the connection
/// and installing this version's server there.
/// </summary>
public sealed partial class HostService
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(1);

    private readonly HostStore store;
    private readonly SshClient ssh;
    private readonly HostInstaller installer;
    private readonly HostConnections connections;
    private readonly TimeProvider time;
    private readonly ILogger<HostService> logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> installs = new(StringComparer.OrdinalIgnoreCase);

    public HostService(HostStore store, SshClient ssh, HostInstaller installer, HostConnections connections, TimeProvider time, ILogger<HostService> logger)
    {
        this.connections = connections;
        this.store = store;
        this.ssh = ssh;
        this.installer = installer;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>This server's version, the folder name on hosts; only characters a path and a shell take as they are.</summary>
    public static string Version => VersionPattern().IsMatch(BuildInfo.Version)
        ? BuildInfo.Version
        : throw new MaestroException($"This server's version '{BuildInfo.Version}' cannot name a folder on a host.");

    public async Task<HostInfo> AddAsync(HostAddParams request, CancellationToken cancellationToken)
    {
        var host = HostValidation.Validate(request, time.GetUtcNow());
        if (!await store.TryInsertAsync(host, cancellationToken))
        {
            throw new InvalidParamsException($"A host named '{host.Name}' exists already: remove it first ('maestro hosts remove {host.Name}'), or choose another name.");
        }

        var info = Describe(host);
        logger.LogInformation("Host {Name} added ({Destination}, {Options} ssh options, {Warnings} warnings)", host.Name, host.Destination, host.Options.Count, info.Warnings.Count);
        return info;
    }

    public async Task<HostListResult> ListAsync(CancellationToken cancellationToken)
        => new() { Hosts = [.. (await store.ListAsync(cancellationToken)).Select(h => WithState(Describe(h)))] };

    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(name ?? string.Empty, cancellationToken))
        {
            throw NotFound(name);
        }

        await connections.ForgetAsync(name!);
        logger.LogInformation("Host {Name} removed", name);
    }

    public async Task<HostTestResult> TestAsync(string name, CancellationToken cancellationToken)
    {
        var host = await GetAsync(name, cancellationToken);
        var watch = Stopwatch.StartNew();
        var result = await ssh.RunAsync(host, ShellQuote.ShCommand(HostProbe.Script(Version)), TestTimeout, null, cancellationToken);
        var found = HostProbe.Parse(host.Name, Version, result.StandardOutput, watch.ElapsedMilliseconds);
        if (found.Platform.Length == 0)
        {
            throw new HostUnreachableException($"'{host.Name}' answered, but its shell did not run the probe (exit {result.ExitCode}): {result.StandardError.Trim()} Maestro needs a POSIX shell (sh) and uname on the host.");
        }

        return found;
    }

    public async Task<HostInstallResult> InstallAsync(string name, CancellationToken cancellationToken)
    {
        var host = await GetAsync(name, cancellationToken);
        var gate = installs.GetOrAdd(host.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await installer.InstallAsync(host, Version, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<HostRecord> GetAsync(string name, CancellationToken cancellationToken)
        => await store.GetAsync(name ?? string.Empty, cancellationToken) ?? throw NotFound(name);

    private static HostNotFoundException NotFound(string? name)
        => new($"No host named '{name}'. 'maestro hosts list' shows the hosts there are; 'maestro hosts add NAME DESTINATION' adds one.");

    private HostInfo WithState(HostInfo info)
    {
        var (state, lastError) = connections.StateOf(info.Name);
        return info with { State = state, LastError = lastError };
    }

    private static HostInfo Describe(HostRecord host) => new()
    {
        Name = host.Name,
        Destination = host.Destination,
        Options = host.Options,
        Env = host.Env,
        Folder = host.Folder,
        Warnings = HostValidation.Warnings(host),
        CreatedAt = host.CreatedAt,
    };

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z.-]*$")]
    private static partial Regex VersionPattern();
}
