using Maestro.Server.Agents.Running;

namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// What a session's sends go to once an outage fails over: the same turn with the backup's model, through an adapter
/// with the backup's endpoint (created on first use, since most outages never fail over).
/// </summary>
internal sealed class FailoverBackup : IAsyncDisposable
{
    private readonly Func<IAgentAdapter>? createAdapter;
    private IAgentAdapter? adapter;

    public FailoverBackup(string? model, Func<IAgentAdapter>? createAdapter)
    {
        Model = model;
        this.createAdapter = createAdapter;
    }

    /// <summary>The model the backup sends use; null keeps the session's.</summary>
    public string? Model { get; }

    /// <summary>The backup endpoint's adapter, or the primary's when the failover only changes the model. One turn runs at a time.</summary>
    public IAgentAdapter AdapterOr(IAgentAdapter primary) => createAdapter is null ? primary : adapter ??= createAdapter();

    public AgentTurn Retarget(AgentTurn turn) => Model is null ? turn : turn with { Model = Model };

    public async ValueTask DisposeAsync()
    {
        if (adapter is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
