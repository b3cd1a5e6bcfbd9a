using System.Globalization;
using Maestro.Protocol;

namespace Maestro.Server.Cli.Runs;

/// <summary>
/// Text for people. On a terminal, a live progress bar on the last line (task n of m, elapsed time, cost),
/// redrawn every second, with a line above it for each task done or failed. Redirected, plain lines only, each with
/// the time it was written, and a heartbeat line when nothing was written for a minute: CI systems kill jobs that
/// stay silent, and a log should say when each task started and ended.
/// </summary>
internal sealed class TextRunOutput : IRunOutput
{
    private const int BarWidth = 24;

    private readonly TextWriter output;
    private readonly bool live;
    private readonly Func<int> columns;
    private readonly Lock gate = new();
    private readonly Timer? ticker;
    private readonly TimeSpan heartbeat;
    private DateTimeOffset lastWrite = DateTimeOffset.UtcNow;
    private RunProgressNotification? last;
    private Run? run;

    /// <param name="columns">The terminal's width when <paramref name="live"/>: the bar is cut to fit it.</param>
    /// <param name="heartbeat">Plain mode: the longest silence before a heartbeat line (a minute by default).</param>
    public TextRunOutput(TextWriter output, bool live, Func<int>? columns = null, TimeSpan? heartbeat = null)
    {
        this.output = output;
        this.live = live;
        this.columns = columns ?? (() => 80);
        this.heartbeat = heartbeat ?? TimeSpan.FromMinutes(1);
        ticker = live
            ? new Timer(_ => Redraw(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))
            : new Timer(_ => Heartbeat(), null, this.heartbeat, this.heartbeat);
    }

    public void Started(Run run, bool resumed)
    {
        lock (gate)
        {
            this.run = run;
            var where = run.Worktree is null ? run.Cwd : $"{run.Worktree} (branch {run.Branch})";
            WriteLine(resumed
                ? $"Resuming run {run.Id} of {run.Playbook} with {run.AgentId}: {run.Done} of {run.Total} done"
                : $"Run {run.Id}: {run.Playbook} with {run.AgentId} in {where}, {CliWords.Count(run.Total - run.Done, "task")} to do");
            DrawBar();
        }
    }

    public void Progress(RunProgressNotification notification)
    {
        lock (gate)
        {
            last = notification;
            run = notification.Run;
            var task = notification.Task;
            var at = task is null ? string.Empty : $"{Path.GetFileName(task.Document)}:{task.Line.ToString(CultureInfo.InvariantCulture)} {task.Text}";
            string? line = notification.Event switch
            {
                RunProgressKind.TaskStarted when !live => $"[{Counter(notification.Run)}] start {at}" + (task!.Attempt > 1 ? $" (try {task.Attempt})" : string.Empty),
                RunProgressKind.TaskDone => $"  done  {at}" + (notification.Message is null ? string.Empty : $" ({notification.Message})"),
                RunProgressKind.TaskFailed => $"  FAILED {at}: {notification.Message}",
                RunProgressKind.LoopStarted => notification.Message,
                RunProgressKind.Waiting => $"  waiting {at}: {notification.Message}",
                RunProgressKind.Resumed => $"  resumed {at}: {notification.Message}",
                _ => null,
            };
            if (line is not null)
            {
                line = WireTerms.ForTerminal(line);
            }

            if (line is not null)
            {
                ClearBar();
                WriteLine(line);
            }

            DrawBar();
        }
    }

    private bool stoppedHere;

    public void StoppedHere() => stoppedHere = true;

    public void Finished(Run run, int exitCode)
    {
        lock (gate)
        {
            ticker?.Dispose();
            ClearBar();
            var cost = run.Usage.CostUsd.ToString("0.00##", CultureInfo.InvariantCulture);
            var elapsed = Elapsed(run);
            WriteLine(run.Outcome == RunOutcome.Done
                ? $"done: {run.Done} of {CliWords.Count(run.Total, "task")} checked off in {elapsed}, ${cost}."
                : $"{(run.Outcome is { } outcome ? CliWords.Of(outcome) : CliWords.Of(run.Status))}: {WireTerms.ForTerminal(run.Reason ?? string.Empty)} ({run.Done} of {run.Total} done, {elapsed}, ${cost}; exit code {exitCode})");
            if (run.Outcome == RunOutcome.Stopped && stoppedHere)
            {
                WriteLine($"To go on, run the same command again: it continues run {run.Id} at the first unchecked task, with its budget and cost so far ({CliWords.Count(run.TasksRun, "task")} run, ${cost}).");
            }
            else if (run.Outcome == RunOutcome.Stopped)
            {
                WriteLine("To go on, run the same command again: checked boxes stay checked, so a new run starts at the first unchecked task.");
            }
        }
    }

    public void Failed(string kind, string message, int exitCode)
    {
        lock (gate)
        {
            ticker?.Dispose();
            ClearBar();
            Console.Error.WriteLine($"maestro run: {message}");
        }
    }

    public void Dispose()
    {
        ticker?.Dispose();
        output.Flush();
    }

    /// <summary>A line on stdout; in plain mode with the local time first, so a log says when.</summary>
    private void WriteLine(string? line)
    {
        lastWrite = DateTimeOffset.UtcNow;
        output.WriteLine(live ? line : $"[{DateTimeOffset.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {line}");
    }

    /// <summary>Plain mode, after a silent minute: what the run is on, so a CI log (and its watchdog) sees it alive.</summary>
    private void Heartbeat()
    {
        lock (gate)
        {
            if (run is null || run.EndedAt is not null || DateTimeOffset.UtcNow - lastWrite < heartbeat * 0.9)
            {
                return;
            }

            var on = run.Gate is { } atGate ? $"waiting for a person: {atGate.Reason}"
                : run.Waiting is { } wait ? Waiting(wait)
                : run.CurrentTask is { } task ? $"working on {Path.GetFileName(task.Document)}:{task.Line.ToString(CultureInfo.InvariantCulture)} {task.Text}"
                : "between tasks";
            WriteLine($"  still running: task {Counter(run)}, {Elapsed(run)}, ${run.Usage.CostUsd.ToString("0.00", CultureInfo.InvariantCulture)}; {on}");
            output.Flush();
        }
    }

    private void Redraw()
    {
        lock (gate)
        {
            DrawBar();
        }
    }

    private void DrawBar()
    {
        if (!live || run is null || run.EndedAt is not null)
        {
            return;
        }

        // A narrower bar on a narrow terminal, so what the run waits for still fits at 80 columns.
        var width = columns();
        var barWidth = Math.Clamp(width - 72, 6, BarWidth);
        var filled = run.Total == 0 ? barWidth : (int)Math.Round(barWidth * (double)run.Done / run.Total);
        var bar = new string('#', filled) + new string('-', barWidth - filled);
        var current = run.Gate is { } atGate ? " · waiting for a person: " + Shorten(atGate.Reason, 48)
            : run.Waiting is { } wait ? " · " + Waiting(wait)
            : last?.Task is { } t && last.Event is RunProgressKind.TaskStarted or RunProgressKind.Resumed ? " · " + Shorten(t.Text, 48)
            : string.Empty;
        var loop = run.Loops > 1 ? $" · loop {run.Loop}/{run.Loops}" : string.Empty;
        var line = $"[{bar}] task {Counter(run)}{loop} · {Elapsed(run)} · ${run.Usage.CostUsd.ToString("0.00", CultureInfo.InvariantCulture)}{current}";
        // One column short of the width: a line that fills the last column wraps on some terminals.
        output.Write("\r\u001b[2K" + Shorten(line, Math.Max(20, width - 1)));
        output.Flush();
    }

    private void ClearBar()
    {
        if (live)
        {
            output.Write("\r\u001b[2K");
        }
    }

    /// <summary>The heartbeat while the provider is out: what the agent waits for and how long is left.</summary>
    private static string Waiting(RunWait wait)
    {
        var until = wait.NextAt ?? wait.ResetAt;
        var left = until is { } moment ? moment - DateTimeOffset.UtcNow : TimeSpan.Zero;
        var what = wait.Class == OutageClass.Quota ? "usage limit" : "provider out";
        return left > TimeSpan.Zero
            ? $"{what}, waiting: next try in {Duration(left)}"
            : $"{what}, trying again";
    }

    /// <summary>The position of the task the run is on: every task done or given up comes before it.</summary>
    private static string Counter(Run run) => $"{Math.Clamp(run.Done + run.Failed + (run.CurrentTask is null ? 0 : 1), Math.Min(1, run.Total), run.Total)}/{run.Total}";

    private static string Elapsed(Run run)
    {
        var elapsed = (run.EndedAt ?? DateTimeOffset.UtcNow) - run.StartedAt;
        return Duration(elapsed);
    }

    private static string Duration(TimeSpan span)
    {
        return span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : span.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
