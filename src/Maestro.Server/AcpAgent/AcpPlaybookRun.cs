using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Maestro.Protocol;
using Maestro.Server.Agents.Acp;
using Maestro.Server.Playbooks.Loading;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// A Playbook run started with <c>/playbook PATH</c>, shown to the editor as an ACP <c>plan</c>: one entry per task of
/// the playbook (read here, from the same documents the daemon runs), pending → in_progress → completed as the daemon's
/// <c>runs/progress</c> arrives. Every update carries the whole plan, as ACP asks. <see cref="Ended"/> completes with
/// the run once it finished, failed or was stopped.
/// </summary>
internal sealed class AcpPlaybookRun
{
    // Progress may arrive before playbooks/run answers with the run's id: it waits here until the id is known.
    private readonly Channel<RunProgressNotification> progress = Channel.CreateUnbounded<RunProgressNotification>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<Run> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Entry> entries;
    private readonly Func<JsonObject, Task> send;

    private AcpPlaybookRun(Playbook playbook, Func<JsonObject, Task> send)
    {
        Playbook = playbook;
        this.send = send;
        entries = [.. playbook.Documents.SelectMany(d => d.Parsed.Tasks.Select(t => new Entry(System.IO.Path.GetFileName(d.Path), t.Line, t.Text) { Status = t.Checked ? AcpWire.Statuses.Completed : AcpWire.Statuses.Pending }))];
        _ = Task.Run(PumpAsync);
    }

    public Playbook Playbook { get; }

    public string? RunId => started.Task.IsCompletedSuccessfully ? started.Task.Result : null;

    /// <summary>The run's id once the daemon started it; faults when it could not.</summary>
    public Task<string> Id => started.Task;

    /// <summary>The run as it ended: finished, failed, halted or stopped.</summary>
    public Task<Run> Ended => ended.Task;

    /// <summary>Reads the playbook (a refusal, <c>PlaybookInvalid</c>, names the file and what is wrong) before the daemon runs it.</summary>
    public static async Task<AcpPlaybookRun> LoadAsync(string path, Func<JsonObject, Task> send, CancellationToken cancellationToken)
        => new(await PlaybookLoader.LoadAsync(path, cancellationToken), send);

    /// <summary>The plan as it stands: every task, the checked ones already completed.</summary>
    public Task SendPlanAsync() => send(Plan());

    /// <summary>The daemon answered playbooks/run: progress of this run is applied from now on, the earlier ones first.</summary>
    public void Started(Run run)
    {
        started.TrySetResult(run.Id);
        if (run.Status is RunStatus.Done or RunStatus.Failed or RunStatus.Stopped)
        {
            ended.TrySetResult(run);
        }
    }

    /// <summary>The daemon could not start the run: nothing more will come.</summary>
    public void Failed(Exception why)
    {
        started.TrySetException(why);
        ended.TrySetException(why);
        progress.Writer.TryComplete();
    }

    /// <summary>Any run's progress (the daemon tells every client of every run); only this run's is applied.</summary>
    public void Offer(RunProgressNotification notification) => progress.Writer.TryWrite(notification);

    /// <summary>The sentence the prompt's answer ends with.</summary>
    public static string Summary(Run run)
    {
        var how = run.Outcome switch
        {
            RunOutcome.Done => "finished",
            RunOutcome.Stopped => "was stopped",
            null => run.Status.ToString().ToLowerInvariant(),
            _ => "ended: " + run.Outcome.ToString(),
        };
        var reason = string.IsNullOrWhiteSpace(run.Reason) ? string.Empty : $" ({run.Reason})";
        return string.Create(CultureInfo.InvariantCulture, $"Playbook run `{run.Id}` {how}{reason}: {run.Done} of {run.Total} tasks done, {run.Failed} failed. `maestro runs show {run.Id}` has the details.");
    }

    private async Task PumpAsync()
    {
        string runId;
        try
        {
            runId = await started.Task;
        }
        catch (Exception)
        {
            return;
        }

        await foreach (var notification in progress.Reader.ReadAllAsync())
        {
            if (notification.Run.Id != runId)
            {
                continue;
            }

            try
            {
                if (Apply(notification))
                {
                    await send(Plan());
                }
            }
            catch (Exception ex) when (ex is StreamJsonRpc.ConnectionLostException or ObjectDisposedException)
            {
                // The editor left: the run goes on in the daemon; nobody to show the plan to.
            }

            if (notification.Event == RunProgressKind.Finished || notification.Run.Status is RunStatus.Done or RunStatus.Failed or RunStatus.Stopped)
            {
                ended.TrySetResult(notification.Run);
                progress.Writer.TryComplete();
            }
        }
    }

    /// <summary>Applies one progress event to the entries; true when the plan changed.</summary>
    private bool Apply(RunProgressNotification notification)
    {
        switch (notification.Event)
        {
            case RunProgressKind.LoopStarted when notification.Run.Loop > 1:
                // A loop unchecks the boxes and works through them again.
                entries.ForEach(e => e.Status = AcpWire.Statuses.Pending);
                return true;
            case RunProgressKind.TaskStarted when Find(notification.Task) is { } startedEntry:
                return Set(startedEntry, AcpWire.Statuses.InProgress);
            case RunProgressKind.TaskDone when Find(notification.Task) is { } doneEntry:
                return Set(doneEntry, AcpWire.Statuses.Completed);
            default:
                // A failed task stays in progress while it is retried, and as the run left it when it is not: ACP's plan
                // has no "failed"; the prompt's closing message says how the run ended.
                return false;
        }
    }

    private static bool Set(Entry entry, string status)
    {
        if (entry.Status == status)
        {
            return false;
        }

        entry.Status = status;
        return true;
    }

    private Entry? Find(RunTask? task)
        => task is null ? null : entries.FirstOrDefault(e => e.Line == task.Line && e.Document == System.IO.Path.GetFileName(task.Document));

    private JsonObject Plan() => new()
    {
        ["sessionUpdate"] = AcpWire.Updates.Plan,
        ["entries"] = new JsonArray([.. entries.Select(e => (JsonNode)new JsonObject { ["content"] = e.Text, ["priority"] = "medium", ["status"] = e.Status })]),
    };

    private sealed record Entry(string Document, int Line, string Text)
    {
        public string Status { get; set; } = AcpWire.Statuses.Pending;
    }
}
