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
        var stop = new Option<bool>("--stop") { Description = "Same as 'daemon stop'.", Hidden = true };
        var status = new Option<bool>("--status") { Description = "Same as 'daemon status'.", Hidden = true };
        var json = new Option<bool>("--json") { Description = "With --status or --stop: print JSON.", Hidden = true };
        var background = new Option<bool>("--background") { Description = "Log to files only (used when 'serve' starts the daemon).", Hidden = true };
        var command = new Command("daemon", "Run the per-user daemon that owns agents, runs and chat in the foreground, or manage the running one (normally started by 'serve --stdio').")
        {
            stop, status, json, background,
            StartCommand(), StopCommand(), RestartCommand(), StatusCommand(), LogsCommand(),
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var paths = MaestroPaths.FromEnvironment();
            if (result.GetValue(stop))
            {
                return await StopAsync(paths, result.GetValue(json), cancellationToken);
            }

            if (result.GetValue(status))
            {
                return await StatusAsync(paths, result.GetValue(json), cancellationToken);
            }

            return await RunAsync(paths, toStderr: !result.GetValue(background));
        });
        return command;
    }

    private static Command StartCommand()
    {
        var json = JsonOption("{action: started|alreadyRunning, pid, logs}");
        var command = new Command("start", "Start the daemon in the background with this shell's environment (its agents get it), unless one runs.") { json };
        command.SetAction(async (result, cancellationToken) => await StartAsync(MaestroPaths.FromEnvironment(), result.GetValue(json), cancellationToken));
        return command;
    }

    private static Command StopCommand()
    {
        var json = JsonOption("{action: stopped, pid}");
        var command = new Command("stop", "Stop the running daemon (its running turns end, marked as stopped) and wait until it is gone.") { json };
        command.SetAction(async (result, cancellationToken) => await StopAsync(MaestroPaths.FromEnvironment(), result.GetValue(json), cancellationToken));
        return command;
    }

    private static Command RestartCommand()
    {
        var json = JsonOption("the new daemon's {action: started, pid, logs}");
        var command = new Command("restart", "Stop the running daemon and start a new one with this shell's environment (e.g. after exporting an API key).") { json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var paths = MaestroPaths.FromEnvironment();
            // With --json only the new daemon is printed: one object.
            var stopped = await StopAsync(paths, json: false, cancellationToken, quietWhenNone: true, toStderr: result.GetValue(json));
            return stopped is ExitCodes.Ok or ExitCodes.DaemonNotRunning ? await StartAsync(paths, result.GetValue(json), cancellationToken) : stopped;
        });
        return command;
    }

    private static Command StatusCommand()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("status", "Whether a daemon runs: pid, version, clients, memory, endpoint.") { json };
        command.SetAction(async (result, cancellationToken) => await StatusAsync(MaestroPaths.FromEnvironment(), result.GetValue(json), cancellationToken));
        return command;
    }

    private static Command LogsCommand()
    {
        var lines = new Option<int>("--lines", "-n") { Description = "How many of the last lines to print.", DefaultValueFactory = _ => 50 };
        var json = JsonOption("{file, lines: [...]}");
        var command = new Command("logs", "Print the end of the daemon's newest log file ($MAESTRO_HOME/logs).") { lines, json };
        command.SetAction(async (result, cancellationToken) => await LogsAsync(MaestroPaths.FromEnvironment(), result.GetValue(lines), result.GetValue(json), cancellationToken));
        return command;
    }

    private static Option<bool> JsonOption(string shape) => new("--json") { Description = $"Print {shape} as JSON, or the error object." };

    private static void Print(bool json, DaemonOutcome outcome, string text)
        => CliConsole.Out.WriteLine(json ? JsonSerializer.Serialize(outcome, CliJsonContext.Default.DaemonOutcome) : text);

    private static async Task<int> StartAsync(MaestroPaths paths, bool json, CancellationToken cancellationToken)
    {
        await using (var running = await DaemonClient.TryConnectAsync(paths, cancellationToken))
        {
            if (running is not null)
            {
                var pid = (await running.InvokeAsync<DaemonStatusResult>(Methods.DaemonStatus, null, cancellationToken)).Pid;
                Print(json, new DaemonOutcome { Action = "alreadyRunning", Pid = pid, Logs = paths.LogsDirectory }, $"A daemon already runs for {paths.Home} (pid {pid}); 'maestro daemon restart' gives it this shell's environment.");
                return ExitCodes.Ok;
            }
        }

        CliNotes.Write($"maestro: starting the daemon for {paths.Home} with {DaemonEnvironment.Describe(Environment.GetEnvironmentVariable)}");
        DaemonLauncher.Start(paths);
        var stream = await DaemonEndpoint.ConnectAsync(paths, TimeSpan.FromSeconds(30), cancellationToken);
        if (stream is null)
        {
            throw new CliFailureException(ExitCodes.DaemonUnavailable, $"The daemon did not start; 'maestro daemon logs' or {paths.LogsDirectory} says why.");
        }

        await stream.DisposeAsync();
        await using var client = await DaemonClient.TryConnectAsync(paths, cancellationToken);
        var started = client is null ? null : await client.InvokeAsync<DaemonStatusResult>(Methods.DaemonStatus, null, cancellationToken);
        Print(json, new DaemonOutcome { Action = "started", Pid = started?.Pid, Logs = paths.LogsDirectory }, $"Daemon started" + (started is null ? "" : $" (pid {started.Pid})") + $"; logs in {paths.LogsDirectory}.");
        return ExitCodes.Ok;
    }

    private static async Task<int> LogsAsync(MaestroPaths paths, int lines, bool json, CancellationToken cancellationToken)
    {
        var newest = Directory.Exists(paths.LogsDirectory)
            ? new DirectoryInfo(paths.LogsDirectory).EnumerateFiles("daemon-*.log").OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()
            : null;
        if (newest is null)
        {
            throw new CliFailureException(ExitCodes.Error, $"There is no daemon log in {paths.LogsDirectory} yet (a daemon started with 'maestro daemon' in a terminal logs there too).");
        }

        // Shared read: the running daemon keeps the file open for writing.
        await using var file = new FileStream(newest.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file);
        var tail = new Queue<string>(Math.Max(lines, 1));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (tail.Count == Math.Max(lines, 1))
            {
                tail.Dequeue();
            }

            tail.Enqueue(line);
        }

        if (json)
        {
            CliConsole.Out.WriteLine(JsonSerializer.Serialize(new DaemonLogs { File = newest.FullName, Lines = [.. tail] }, CliJsonContext.Default.DaemonLogs));
            return ExitCodes.Ok;
        }

        CliNotes.Write($"==> {newest.FullName}");
        foreach (var line in tail)
        {
            CliConsole.Out.WriteLine(line);
        }

        return ExitCodes.Ok;
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

    private static async Task<int> StopAsync(MaestroPaths paths, bool json, CancellationToken cancellationToken, bool quietWhenNone = false, bool toStderr = false)
    {
        int pid;
        await using (var client = await DaemonClient.TryConnectAsync(paths, cancellationToken))
        {
            if (client is null)
            {
                if (quietWhenNone)
                {
                    return ExitCodes.DaemonNotRunning;
                }

                throw new CliFailureException(ExitCodes.DaemonNotRunning, $"No daemon is running for {paths.Home}.");
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
                if (toStderr)
                {
                    CliNotes.Write($"Daemon {pid} stopped.");
                }
                else
                {
                    Print(json, new DaemonOutcome { Action = "stopped", Pid = pid }, $"Daemon {pid} stopped.");
                }

                return ExitCodes.Ok;
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new CliFailureException(ExitCodes.Error, $"Daemon {pid} did not stop within 15 s; 'maestro daemon logs' says what it is doing.");
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
