using System.CommandLine;
using Maestro.Protocol;
using Maestro.Server.Agents.Errors;
using Maestro.Server.Cli.Runs;
using Maestro.Server.Errors;
using Maestro.Server.Hosting;
using Maestro.Server.Playbooks.Errors;
using Maestro.Server.Playbooks.Loading;
using Maestro.Server.Playbooks.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Cli;

/// <summary>
/// <c>maestro run PLAYBOOK</c>: runs a playbook headless, for cron and CI. By default the run is handed to the per-user
/// daemon (started when none runs), so the editors see it live, can stop it and approve its gates, and this command
/// follows it to the end with the same lines and exit codes. <c>--in-process</c> builds the server inside this process
/// instead (no daemon), its state in the same MAESTRO_HOME; a run it left running when it was killed is resumed by the
/// next <c>maestro run --in-process</c> of the same playbook. The exit code is 0 only when every task is done.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var playbook = new Argument<string>("playbook") { Description = "A playbook folder (markdown documents run in file-name order) or a single markdown file." };
        var agent = new Option<string?>("--agent") { Description = "The agent that does the tasks, e.g. claude-code (default: 'agent' in the playbook's settings)." };
        var worktree = new Option<string?>("--worktree") { Description = "Run in a fresh git worktree on this new branch." };
        var worktreeBase = new Option<string?>("--base") { Description = "With --worktree: the commit-ish the branch starts from (default HEAD)." };
        var loops = new Option<int?>("--loops") { Description = "Run the playbook this many times, unchecking every box between passes." };
        var maxTasks = new Option<int?>("--max-tasks") { Description = "Budget: stop after this many tasks." };
        var maxCost = new Option<decimal?>("--max-cost") { Description = "Budget: stop once the agents' cost reaches this many US dollars." };
        var maxMinutes = new Option<double?>("--max-minutes") { Description = "Budget: stop after this many minutes (the running agent is stopped)." };
        var maxTaskMinutes = new Option<double?>("--max-task-minutes") { Description = "Budget: stop an attempt at a task after this many minutes; it counts as not done (retried, then failed)." };
        var cwd = new Option<string?>("--cwd") { Description = "Where the agents work (default: the current folder)." };
        var mode = new Option<string?>("--permission-mode") { Description = "The most the agents may do without asking: ask, acceptEdits (default) or bypass. 'ask' needs an editor attached to answer." };
        mode.AcceptOnlyFromAmong("ask", "acceptEdits", "bypass");
        var inProcess = new Option<bool>("--in-process") { Description = "Run inside this process instead of the daemon (no editor sees it; for machines where no daemon may run)." };
        var reset = new Option<bool>("--reset") { Description = "Uncheck every box before the first task, so a scheduled run starts over each time." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Load and check the playbook and list its tasks, without starting an agent: exit 0 when a run could start, 12 when not." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line: the runs/progress events, then a summary." };
        var command = new Command("run", "Run a playbook: give each unchecked task to a fresh agent session until every box is checked.")
        {
            playbook, agent, worktree, worktreeBase, loops, maxTasks, maxCost, maxMinutes, maxTaskMinutes, cwd, mode, reset, dryRun, inProcess, json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var budget = new RunBudget { MaxTasks = result.GetValue(maxTasks), MaxCostUsd = result.GetValue(maxCost), MaxMinutes = result.GetValue(maxMinutes), MaxTaskMinutes = result.GetValue(maxTaskMinutes) };
            var request = new PlaybookRunParams
            {
                Path = ResolvePlaybook(result.GetValue(playbook)!, result.GetValue(cwd)),
                AgentId = result.GetValue(agent) ?? string.Empty,
                Worktree = result.GetValue(worktree) is { } branch ? new WorktreeRequest { Branch = branch, Base = result.GetValue(worktreeBase) } : null,
                Loops = result.GetValue(loops),
                Budget = budget is { MaxTasks: null, MaxCostUsd: null, MaxMinutes: null, MaxTaskMinutes: null } ? null : budget,
                Cwd = Path.GetFullPath(result.GetValue(cwd) ?? Environment.CurrentDirectory),
                Reset = result.GetValue(reset) ? true : null,
                PermissionMode = result.GetValue(mode) switch
                {
                    "ask" => PermissionMode.Ask,
                    "bypass" => PermissionMode.Bypass,
                    "acceptEdits" => PermissionMode.AcceptEdits,
                    _ => null,
                },
            };
            using var output = result.GetValue(json)
                ? (IRunOutput)new JsonRunOutput(CliConsole.Out)
                : new TextRunOutput(CliConsole.Out, live: CliTerminal.IsLive, () => CliTerminal.Columns);
            if (result.GetValue(dryRun))
            {
                return await DryRun.RunAsync(request with { Path = Path.GetFullPath(request.Path) }, result.GetValue(json), CliConsole.Out, output, cancellationToken);
            }

            return result.GetValue(inProcess)
                ? await RunInProcessAsync(request, output, cancellationToken)
                : await DaemonRun.RunAsync(request with { Path = Path.GetFullPath(request.Path) }, output, cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// A relative playbook path is looked up in the current folder, then in <c>--cwd</c>, so a cron line
    /// <c>maestro run playbooks/nightly --cwd ~/repo</c> works from anywhere.
    /// </summary>
    private static string ResolvePlaybook(string path, string? cwd)
    {
        var here = Path.GetFullPath(path);
        if (Path.IsPathRooted(path) || cwd is null || File.Exists(here) || Directory.Exists(here))
        {
            return here;
        }

        var there = Path.GetFullPath(Path.Combine(cwd, path));
        return File.Exists(there) || Directory.Exists(there) ? there : here;
    }

    public static int ExitCodeOf(RunOutcome? outcome) => outcome switch
    {
        RunOutcome.Done => ExitCodes.Ok,
        RunOutcome.TaskFailed => ExitCodes.TaskFailed,
        RunOutcome.BudgetExceeded => ExitCodes.BudgetExceeded,
        RunOutcome.PlaybookInvalid => ExitCodes.PlaybookInvalid,
        RunOutcome.AgentUnavailable => ExitCodes.AgentUnavailable,
        RunOutcome.Stopped => ExitCodes.Stopped,
        RunOutcome.Halted => ExitCodes.Halted,
        _ => ExitCodes.Error,
    };

    /// <summary>
    /// The playbook's load warnings (a task only a person can do, a model marker's effort…) on stderr, in plain and
    /// JSON mode alike: stdout keeps its lines, and a CI log still shows why a run may stall.
    /// </summary>
    internal static async Task WarnAsync(string playbook)
    {
        try
        {
            foreach (var warning in RunService.WarningsOf(await PlaybookLoader.LoadAsync(playbook, CancellationToken.None)) ?? [])
            {
                await Console.Error.WriteLineAsync($"warning: {warning.Document}:{warning.Line}: {warning.Message}");
            }
        }
        catch (PlaybookInvalidException)
        {
            // The run reads the playbook itself and says what is wrong with it.
        }
    }

    /// <summary>The exit code for an error that ended the command before or instead of the run.</summary>
    internal static int ExitCodeOf(string? kind) => kind switch
    {
        ErrorKinds.PlaybookInvalid => ExitCodes.PlaybookInvalid,
        ErrorKinds.AgentUnavailable => ExitCodes.AgentUnavailable,
        ErrorKinds.InvalidParams => ExitCodes.Usage,
        ErrorKinds.BudgetExceeded => ExitCodes.BudgetExceeded,
        _ => ExitCodes.Error,
    };

    private static async Task<bool> IsStoppedAsync(RunService runs, string runId)
    {
        try
        {
            return (await runs.GetAsync(runId, CancellationToken.None)).Outcome == RunOutcome.Stopped;
        }
        catch (RunNotFoundException)
        {
            return false; // forgotten: start a new run
        }
    }

    private static async Task<int> RunInProcessAsync(PlaybookRunParams request, IRunOutput output, CancellationToken cancellationToken)
    {
        var paths = MaestroPaths.FromEnvironment();
        var options = MaestroOptions.FromEnvironment(paths);
        var logger = Logging.CreateLogger(paths, "run", toStderr: false); // stdout is the run's output, JSON lines with --json

        // No AddMaestroRecovery(): this process runs one playbook beside a daemon that may serve the same
        // MAESTRO_HOME; it must not mark the daemon's running sessions interrupted, nor take over its runs.
        using var host = ServerHost.Build(options, logger);
        await host.StartAsync(CancellationToken.None);
        try
        {
            var runs = host.Services.GetRequiredService<RunService>();
            runs.Progress += (_, e) => output.Progress(e.Notification);

            Run run;
            var resumed = false;
            var interrupted = await runs.FindInterruptedAsync(request.Path, string.IsNullOrEmpty(request.AgentId) ? null : request.AgentId, RunOrigin.Cli, CancellationToken.None);
            if (interrupted is not null && await runs.ResumeAsync(interrupted, CancellationToken.None) is { } resumedRun)
            {
                run = resumedRun;
                resumed = true;
            }
            else if (StoppedRuns.Take(paths, request.Path, request.AgentId) is { } stoppedId && await IsStoppedAsync(runs, stoppedId))
            {
                // The run this terminal's Ctrl-C stopped last time goes on, its budget and cost counted on.
                run = await runs.StartAsync(request with { ContinueRunId = stoppedId }, RunOrigin.Cli, CancellationToken.None);
                resumed = true;
            }
            else
            {
                run = await runs.StartAsync(request, RunOrigin.Cli, CancellationToken.None);
            }

            output.Started(run, resumed);
            await WarnAsync(run.Playbook);
            var finished = runs.WaitAsync(run.Id, CancellationToken.None);
            if (await Task.WhenAny(finished, Task.Delay(Timeout.Infinite, cancellationToken)) != finished)
            {
                await runs.StopAsync(run.Id, CancellationToken.None); // Ctrl-C or SIGTERM: kill the agent, end the run stopped
                StoppedRuns.Remember(paths, request.Path, run.Id, run.AgentId);
                output.StoppedHere();
            }

            var final = await finished;
            var exitCode = ExitCodeOf(final.Outcome);
            output.Finished(final, exitCode);
            return exitCode;
        }
        catch (MaestroException ex)
        {
            var exitCode = ExitCodeOf(ex.Kind);
            output.Failed(ex.Kind, ex.Message, exitCode);
            return exitCode;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
