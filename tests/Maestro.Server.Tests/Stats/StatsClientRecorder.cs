using System.Collections.Concurrent;
using Maestro.Protocol;
using Maestro.TestSupport.Playbooks;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Stats;

/// <summary>A client's notification target for the stats tests: runs/progress, and the cost limits' warnings.</summary>
internal sealed class StatsClientRecorder
{
    private readonly ConcurrentQueue<BudgetWarningNotification> warnings = new();

    public RunProgressRecorder Runs { get; } = new();

    public IReadOnlyList<BudgetWarningNotification> Warnings => [.. warnings];

    [JsonRpcMethod(Methods.RunsProgress)]
    public void OnProgress(RunProgressNotification notification) => Runs.OnProgress(notification);

    [JsonRpcMethod(Methods.StatsBudgetWarning)]
    public void OnWarning(BudgetWarningNotification notification) => warnings.Enqueue(notification);
}
