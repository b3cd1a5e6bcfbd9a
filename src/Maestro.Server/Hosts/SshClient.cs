using System.Globalization;
using CliWrap;
using Maestro.Server.Hosting;
using Maestro.Server.Hosts.Errors;
using Maestro.Server.Processes;

namespace Maestro.Server.Hosts;

/// <summary>
/// Runs one command on a host with the user's OpenSSH client through the process runner: BatchMode so it never
/// prompts, a connect timeout, no forwardings, the host's own options after Maestro's (ssh keeps the first value of
/// an option, so a host's option cannot undo BatchMode), and the test's ssh config (<c>-F</c>) when one is set.
/// Host key checking is left as the user's ssh config has it.
/// </summary>
public sealed class SshClient
{
    /// <summary>The exit code ssh uses for its own failures (the remote command's are passed through).</summary>
    public const int SshFailed = 255;

    private readonly ProcessRunner runner;
    private readonly MaestroOptions options;

    public SshClient(ProcessRunner runner, MaestroOptions options)
    {
        this.runner = runner;
        this.options = options;
    }

    /// <summary>ssh's arguments for running <paramref name="remoteCommand"/> on <paramref name="host"/>.</summary>
    public IReadOnlyList<string> Arguments(HostRecord host, string remoteCommand)
    {
        ArgumentNullException.ThrowIfNull(host);
        var arguments = new List<string>();
        if (options.SshConfigPath is { } config)
        {
            arguments.AddRange(["-F", config]);
        }

        arguments.AddRange(["-T", "-o", "BatchMode=yes", "-o", "ClearAllForwardings=yes", "-o", string.Create(CultureInfo.InvariantCulture, $"ConnectTimeout={Math.Max(1, (int)options.SshConnectTimeout.TotalSeconds)}")]);
        foreach (var option in host.Options)
        {
            arguments.AddRange(["-o", option]);
        }

        arguments.AddRange(SshDestination.Parse(host.Destination).Arguments);
        arguments.Add(remoteCommand);
        return arguments;
    }

    /// <summary>Runs the command; ssh's own failures become typed errors, the remote command's exit code is returned.</summary>
    public async Task<ProcessResult> RunAsync(HostRecord host, string remoteCommand, TimeSpan timeout, PipeSource? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var ssh = ExecutableLocator.Find("ssh")
            ?? throw new HostUnreachableException("The OpenSSH client (ssh) is not installed on this machine, and Maestro reaches hosts through it: install it (e.g. 'apt-get install openssh-client') and try again.");
        var arguments = Arguments(host, remoteCommand);
        var result = input is null
            ? await runner.RunAsync(ssh, arguments, timeout, cancellationToken: cancellationToken)
            : await runner.RunWithInputAsync(ssh, arguments, input, timeout, cancellationToken: cancellationToken);
        if (result.TimedOut)
        {
            throw new HostUnreachableException(string.Create(CultureInfo.InvariantCulture, $"'{host.Name}' ({host.Destination}) did not finish within {timeout.TotalSeconds:0} s; check the connection with '{SshDestination.Parse(host.Destination).SshCommand}' in a terminal."));
        }

        if (result.ExitCode == SshFailed)
        {
            throw SshFailure.From(host, result.StandardError);
        }

        return result;
    }
}
