using System.CommandLine;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Daemon;
using Maestro.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Maestro.Server.Cli;

/// <summary><c>maestro daemon</c>: run the per-user daemon, or ask the running one for its status or to stop.</summary>
internal static class DaemonCommand
{
    public static Command Create()
    {
        var stop = new Option<bool>("--stop") { Description = "Stop the running daemon." };
        var status = new Option<bool>("--status") { Description = "Show whether a daemon runs, its pid, clients and memory." };
        var json = new Option<bool>("--json") { Description = "With --status: print JSON." };
        var background = new Option<bool>("--background") { Description = "Log to files only (used when 'serve' starts the daemon).", Hidden = true };
        var command = new Command("daemon", "Run the per-user daemon that owns agents, runs and chat (normally started by 'serve --stdio').")
        {
            stop, status, json, background,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var paths = MaestroPaths.FromEnvironment();
            if (result.GetValue(stop))
            {
                return await StopAsync(paths, cancellationToken);
            }

            if (result.GetValue(status))
            {
                return await StatusAsync(paths, result.GetValue(json), cancellationToken);
            }

            return await RunAsync(paths, toStderr: !result.GetValue(background));
        });
        return command;
    }

    public static async Task<int> RunAsync(MaestroPaths paths, bool toStderr)
    {
        // Only the lock holder touches sessions: a second daemon leaves before it opens the database, or it would
        // recover (and fail) the turns the first one is running.
        paths.EnsureHome();
        using var daemonLock = await AcquireLockAsync(paths);
        if (daemonLock is null)
        {
            var holder = DaemonLock.HolderPid(paths);
            CliConsole.Out.WriteLine($"A Maestro daemon is already running for {paths.Home}" + (holder is null ? "." : $" (pid {holder})."));
            return ExitCodes.Ok;
        }

        var options = MaestroOptions.FromEnvironment(paths);
        var logger = Logging.CreateLogger(paths, "daemon", toStderr);
        using var host = ServerHost.Build(options, logger, services => services.AddMaestroRecovery().AddMaestroDaemon(daemonLock));
        using var signals = ServerHost.StopOnSignals(host);
        await host.RunAsync();
        return ExitCodes.Ok;
    }

    private static async Task<int> StatusAsync(MaestroPaths paths, bool json, CancellationToken cancellationToken)
    {
        await using var client = await DaemonClient.TryConnectAsync(paths, cancellationToken);
        if (client is null)
        {
            CliConsole.Out.WriteLine(json ? "{\"running\":false}" : $"No daemon is running for {paths.Home}.");
            return ExitCodes.DaemonNotRunning;
        }

        var status = await client.InvokeAsync<DaemonStatusResult>(Methods.DaemonStatus, null, cancellationToken);
        if (json)
        {
            CliConsole.Out.WriteLine(JsonSerializer.Serialize(status, CliJsonContext.Default.DaemonStatusResult));
        }
        else
        {
            CliConsole.Out.WriteLine($"Daemon {status.Version} running: pid {status.Pid}, since {status.StartedAt:u}, {status.Connections} connection(s), {status.WorkingSetBytes / (1024 * 1024)} MB, at {status.Endpoint}");
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> StopAsync(MaestroPaths paths, CancellationToken cancellationToken)
    {
        int pid;
        await using (var client = await DaemonClient.TryConnectAsync(paths, cancellationToken))
        {
            if (client is null)
            {
                CliConsole.Out.WriteLine($"No daemon is running for {paths.Home}.");
                return ExitCodes.DaemonNotRunning;
            }

            pid = (await client.InvokeAsync<DaemonStatusResult>(Methods.DaemonStatus, null, cancellationToken)).Pid;
            await client.InvokeAsync<object?>(Methods.DaemonStop, null, cancellationToken);
        }

        // Wait until the endpoint is gone, so a following 'serve' starts a fresh daemon.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (DateTimeOffset.UtcNow < deadline)
        {
            await using var probe = await DaemonEndpoint.TryConnectAsync(paths, cancellationToken);
            // Gone means the process too: it holds the daemon lock until its agents are stopped, and a daemon
            // started before that would find the lock taken and leave.
            if (probe is null && HasExited(pid))
            {
                CliConsole.Out.WriteLine($"Daemon {pid} stopped.");
                return ExitCodes.Ok;
            }

            await Task.Delay(50, cancellationToken);
        }

        await Console.Error.WriteLineAsync($"Daemon {pid} did not stop within 15 s.");
        return ExitCodes.Error;
    }

    /// <summary>
    /// The daemon lock; null when a daemon that answers holds it. A daemon that is stopping keeps the lock until its
    /// agents are stopped but no longer answers: a daemon started meanwhile (an editor right after a stop) waits for it.
    /// </summary>
    private static async Task<DaemonLock?> AcquireLockAsync(MaestroPaths paths)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var daemonLock = DaemonLock.TryAcquire(paths);
            if (daemonLock is not null || DateTimeOffset.UtcNow >= deadline)
            {
                return daemonLock;
            }

            await using var serving = await DaemonEndpoint.TryConnectAsync(paths, CancellationToken.None);
            if (serving is not null)
            {
                return null;
            }

            await Task.Delay(100);
        }
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
