using System.Globalization;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Errors;
using Maestro.Server.Playbooks.Config;
using Maestro.Server.Playbooks.Errors;
using Maestro.Server.Playbooks.Loading;
using Maestro.Server.Playbooks.Markers;
using Maestro.Server.Playbooks.Runs;

namespace Maestro.Server.Cli.Runs;

/// <summary>
/// <c>maestro run --dry-run</c>: loads and checks the playbook as a run would (settings, budget, a stale halt marker,
/// an agent to run it) and lists its tasks, without a daemon or an agent. Exit 0 when a run could start, 12 when not,
/// so a cron job or CI step can check a playbook before spending anything.
/// </summary>
internal static class DryRun
{
    public static async Task<int> RunAsync(PlaybookRunParams request, bool json, TextWriter output, IRunOutput failures, CancellationToken cancellationToken)
    {
        Playbook playbook;
        string agentId;
        try
        {
            RunLimits.Validate(request.Loops, null, request.Budget);
            playbook = await PlaybookLoader.LoadAsync(request.Path, cancellationToken);
            RunService.RefuseLiveHalt(playbook);
            agentId = RunService.AgentFor(request, playbook.Config) ?? throw new PlaybookInvalidException($"No agent for '{playbook.Path}': pass one (--agent) or set 'agent' in its settings.");
        }
        catch (MaestroException ex)
        {
            var exitCode = RunCommand.ExitCodeOf(ex.Kind);
            failures.Failed(ex.Kind, ex.Message, exitCode);
            return exitCode;
        }

        var reset = request.Reset == true;
        var tasks = playbook.Documents
            .SelectMany(d => d.Parsed.Tasks.Select(t => new DryRunTask
            {
                Document = d.Path,
                Line = t.Line,
                Text = t.Text,
                Done = t.Checked && !reset,
                Gate = reset ? null : MarkerScanner.PendingGate(d.Parsed, d.Markers, t) is { } gate ? gate.Reason ?? "Human review requested" : null,
            }))
            .ToList();
        var warnings = (RunService.WarningsOf(playbook) ?? []).Select(w => $"{w.Document}:{w.Line}: {w.Message}").ToList();
        var line = new DryRunLine
        {
            Playbook = playbook.Path,
            AgentId = agentId,
            Total = tasks.Count,
            Done = tasks.Count(t => t.Done),
            Reset = reset,
            Tasks = tasks,
            Warnings = warnings,
            ExitCode = ExitCodes.Ok,
        };
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(line, RunLinesJsonContext.Default.DryRunLine));
        }
        else
        {
            await WriteTextAsync(line, output);
        }

        return ExitCodes.Ok;
    }

    private static async Task WriteTextAsync(DryRunLine line, TextWriter output)
    {
        await output.WriteLineAsync($"{line.Playbook} with {line.AgentId}{(line.Reset ? " (every box unchecked first: --reset)" : string.Empty)}");
        foreach (var document in line.Tasks.GroupBy(t => t.Document))
        {
            await output.WriteLineAsync($"  {Path.GetFileName(document.Key)}");
            foreach (var task in document)
            {
                var gate = task.Gate is null ? string.Empty : $"  (waits for a person first: {task.Gate})";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"    [{(task.Done ? 'x' : ' ')}] {task.Line,4}  {task.Text}{gate}"));
            }
        }

        foreach (var warning in line.Warnings)
        {
            await output.WriteLineAsync($"warning: {warning}");
        }

        await output.WriteLineAsync($"{line.Done} of {CliWords.Count(line.Total, "task")} done, {line.Total - line.Done} to run. Nothing was started (--dry-run).");
    }
}
