using Maestro.Protocol;
using StreamJsonRpc;

namespace Maestro.Server.Cli.Runs;

/// <summary>
/// Receives the daemon's <c>runs/progress</c> for the run <c>maestro run</c> handed it, and passes them to the output.
/// The daemon broadcasts every run's progress, and the first events of ours can arrive before <c>playbooks/run</c>
/// answers with its id: those are held until <see cref="Follow"/> names the run.
/// </summary>
internal sealed class RunFollower
{
    private readonly IRunOutput output;
    private readonly Lock gate = new();
    private readonly List<RunProgressNotification> early = [];
    private readonly TaskCompletionSource<Run> finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? runId;

    public RunFollower(IRunOutput output)
    {
        this.output = output;
    }

    /// <summary>Completes with the run as its <c>finished</c> event carried it.</summary>
    public Task<Run> Finished => finished.Task;

    [JsonRpcMethod(Methods.RunsProgress)]
    public void OnProgress(RunProgressNotification notification)
    {
        lock (gate)
        {
            if (runId is null)
            {
                early.Add(notification);
            }
            else if (notification.Run.Id == runId)
            {
                Deliver(notification);
            }
        }
    }

    /// <summary>From now on only <paramref name="id"/>'s events are shown, starting with those that came early.</summary>
    public void Follow(string id)
    {
        lock (gate)
        {
            runId = id;
            foreach (var notification in early.Where(n => n.Run.Id == id))
            {
                Deliver(notification);
            }

            early.Clear();
        }
    }

    private void Deliver(RunProgressNotification notification)
    {
        output.Progress(notification);
        if (notification.Event == RunProgressKind.Finished)
        {
            finished.TrySetResult(notification.Run);
        }
    }
}
