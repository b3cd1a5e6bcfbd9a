using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Cli.Runs;
using Maestro.Server.Hosting;

namespace Maestro.Server.Cli;

/// <summary>
/// <c>maestro runs list|show|stop|approve</c>: the Playbook runs the daemon knows (its own, the ones <c>maestro run</c>
/// handed it, and those a <c>maestro run --in-process</c> left in the same store), as the editors' run views show them.
/// </summary>
internal static class RunsCommand
{
    private static readonly string[] Statuses = ["running", "waiting", "done", "failed", "stopped"];

    public static Command Create()
    {
        var command = new Command("runs", "List, inspect, stop and approve Playbook runs (started by 'maestro run' or an editor).");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Stop());
        command.Subcommands.Add(Approve());
        return command;
    }

    private static Option<bool> JsonOption(string what) => new("--json") { Description = $"Print JSON ({what})." };

    private static Argument<string> RunArgument() => new("run") { Description = "The run id (r_…; 'maestro runs list' shows them)." };

    private static Command List()
    {
        var status = new Option<string?>("--status") { Description = "Only runs in this state: running (waiting ones included), waiting, done, failed or stopped." };
        status.AcceptOnlyFromAmong(Statuses);
        var json = JsonOption("the runs/list result");
        var command = new Command("list", "The runs, newest first: state, progress, agent and playbook.") { status, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var listed = await client.InvokeAsync<RunsListResult>(Methods.RunsList, new RunsListParams { Status = ParseStatus(result.GetValue(status)) }, cancellationToken);
            var runs = listed.Runs.OrderByDescending(r => r.StartedAt).ToList();
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(new RunsListResult { Runs = runs }, CliJsonContext.Default.RunsListResult));
                return ExitCodes.Ok;
            }

            if (runs.Count == 0)
            {
                CliNotes.Write("No runs. Start one with 'maestro run PLAYBOOK --agent AGENT'.");
                return ExitCodes.Ok;
            }

            var table = new CliTable("ID", "STATE", "DONE", "AGENT", "STARTED", "PLAYBOOK") { Flexible = 5, KeepEnd = true, RightAligned = new HashSet<int> { 2 } };
            foreach (var run in runs)
            {
                table.Add(run.Id, State(run), $"{run.Done}/{run.Total}", run.AgentId, run.StartedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), run.Playbook);
            }

            table.Write(CliConsole.Out);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = RunArgument();
        var json = JsonOption("the runs/get result");
        var command = new Command("show", "One run: its state, progress, current task, gate, outcome and sessions.") { id, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var run = await client.InvokeAsync<Run>(Methods.RunsGet, new RunIdParams { RunId = result.GetValue(id)! }, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(run, CliJsonContext.Default.Run));
            }
            else
            {
                RunDescription.Write(CliConsole.Out, run);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Stop()
    {
        var id = RunArgument();
        var json = JsonOption("the run once stopped");
        var command = new Command("stop", "Stop a run: its current agent is stopped and the run ends 'stopped' (a 'maestro run' following it exits 14).") { id, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var runId = result.GetValue(id)!;
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            await client.InvokeAsync<object?>(Methods.RunsStop, new RunIdParams { RunId = runId }, cancellationToken);
            var run = await client.InvokeAsync<Run>(Methods.RunsGet, new RunIdParams { RunId = runId }, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(run, CliJsonContext.Default.Run));
            }
            else
            {
                CliConsole.Out.WriteLine($"Run {run.Id} is {State(run)}: {run.Done} of {CliWords.Count(run.Total, "task")} done.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Approve()
    {
        var id = RunArgument();
        var json = JsonOption("the run after the approval");
        var command = new Command("approve", "Approve the human-in-the-loop gate a run waits at: ticks the task below the gate, and the run goes on.") { id, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var before = await client.InvokeAsync<Run>(Methods.RunsGet, new RunIdParams { RunId = result.GetValue(id)! }, cancellationToken);
            var run = await client.InvokeAsync<Run>(Methods.RunsApprove, new RunIdParams { RunId = before.Id }, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(run, CliJsonContext.Default.Run));
            }
            else
            {
                var gate = before.Gate;
                CliConsole.Out.WriteLine(gate is null
                    ? $"Run {run.Id} is {State(run)}."
                    : $"Approved: ticked '{gate.Task.Text}' ({Path.GetFileName(gate.Task.Document)}:{gate.Task.Line.ToString(CultureInfo.InvariantCulture)}); run {run.Id} is {State(run)}.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static RunStatus? ParseStatus(string? status) => status switch
    {
        null => null,
        "running" => RunStatus.Running,
        "waiting" => RunStatus.Waiting,
        "done" => RunStatus.Done,
        "failed" => RunStatus.Failed,
        _ => RunStatus.Stopped,
    };

    /// <summary>The state in a word or two: what a person reads first in a list.</summary>
    internal static string State(Run run) => run.Status switch
    {
        RunStatus.Waiting when run.Gate is not null => "needs approval",
        RunStatus.Waiting => "waiting (provider)",
        RunStatus.Running => "running",
        RunStatus.Done => "done",
        _ => run.Outcome switch
        {
            RunOutcome.Halted => "halted",
            RunOutcome.BudgetExceeded => "over budget",
            RunOutcome.Stopped => "stopped",
            _ => "failed",
        },
    };
}
