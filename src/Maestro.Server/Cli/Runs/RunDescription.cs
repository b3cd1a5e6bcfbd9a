using System.Globalization;
using Maestro.Protocol;

namespace Maestro.Server.Cli.Runs;

/// <summary>What <c>maestro runs show</c> prints: one run, field by field, with the command to go further where there is one.</summary>
internal static class RunDescription
{
    public static void Write(TextWriter output, Run run)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine($"Run       {run.Id}  {RunsCommand.State(run)}");
        output.WriteLine($"Playbook  {run.Playbook}");
        output.WriteLine($"Agent     {run.AgentId}");
        output.WriteLine($"Folder    {(run.Worktree is null ? run.Cwd : $"{run.Worktree} (branch {run.Branch})")}");
        output.WriteLine($"Progress  {run.Done} of {run.Total} done" + (run.Failed > 0 ? $", {run.Failed} failed" : string.Empty)
            + (run.Loops > 1 ? $", loop {run.Loop} of {run.Loops}" : string.Empty));
        output.WriteLine($"Started   {run.StartedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", inv)}"
            + (run.EndedAt is { } ended ? $", ended {ended.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", inv)} ({Duration(ended - run.StartedAt)})" : $" ({Duration(DateTimeOffset.UtcNow - run.StartedAt)} ago)"));
        output.WriteLine($"Cost      ${run.Usage.CostUsd.ToString("0.00##", inv)}, {run.Usage.InputTokens.ToString("N0", inv)} tokens in, {run.Usage.OutputTokens.ToString("N0", inv)} out");
        if (run.CurrentTask is { } task && run.EndedAt is null)
        {
            output.WriteLine($"Task      {Where(task)} {task.Text}" + (task.Attempt > 1 ? $" (try {task.Attempt.ToString(inv)})" : string.Empty));
        }

        if (run.Gate is { } gate)
        {
            output.WriteLine($"Gate      {WireTerms.ForTerminal(gate.Reason)}" + (gate.Artifact is null ? string.Empty : $" (look at {gate.Artifact})"));
            output.WriteLine($"          approve with 'maestro runs approve {run.Id}' or tick {Where(gate.Task)} {gate.Task.Text}");
        }

        if (run.Waiting is { } waiting)
        {
            output.WriteLine($"Waiting   {WireTerms.ForTerminal(waiting.Reason)}");
        }

        if (run.Reason is { } reason)
        {
            output.WriteLine($"Reason    {WireTerms.ForTerminal(reason)}");
        }

        if (run.SessionIds.Count > 0)
        {
            output.WriteLine($"Sessions  {string.Join(' ', run.SessionIds)}");
            output.WriteLine($"          'maestro sessions show {run.SessionIds[^1]}' for the last task's transcript");
        }
    }

    private static string Where(RunTask task) => $"{Path.GetFileName(task.Document)}:{task.Line.ToString(CultureInfo.InvariantCulture)}";

    private static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours}h {span.Minutes:00}m"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes}m {span.Seconds:00}s" : $"{Math.Max(0, span.Seconds)}s";
}
