using System.Collections.Concurrent;
using Maestro.Protocol;
using StreamJsonRpc;

namespace Maestro.TestSupport.Playbooks;

/// <summary>A client-side notification target that records <c>runs/progress</c>.</summary>
public sealed class RunProgressRecorder
{
    private readonly ConcurrentQueue<RunProgressNotification> events = new();

    public IReadOnlyList<RunProgressNotification> Events => [.. events];

    public IReadOnlyList<RunProgressNotification> For(string runId) => [.. events.Where(e => e.Run.Id == runId)];

    public bool Finished(string runId) => events.Any(e => e.Run.Id == runId && e.Event == RunProgressKind.Finished);

    [JsonRpcMethod(Methods.RunsProgress)]
    public void OnProgress(RunProgressNotification notification) => events.Enqueue(notification);
}
