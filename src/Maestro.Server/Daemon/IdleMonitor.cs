using Maestro.Server.Rpc;

namespace Maestro.Server.Daemon;

/// <summary>Calls back once the registry has had no connection for the whole timeout.</summary>
internal sealed class IdleMonitor : IDisposable
{
    private readonly ConnectionRegistry registry;
    private readonly TimeSpan timeout;
    private readonly Timer timer;

    /// <param name="busy">Work that keeps the daemon up without a client (a playbook run); checked again after another timeout.</param>
    public IdleMonitor(ConnectionRegistry registry, TimeSpan timeout, Action onIdle, Func<bool>? busy = null)
    {
        this.registry = registry;
        this.timeout = timeout;
        timer = new Timer(_ =>
        {
            if (registry.Count == 0 && busy?.Invoke() == true)
            {
                timer!.Change(timeout, Timeout.InfiniteTimeSpan);
            }
            else if (registry.Count == 0)
            {
                onIdle();
            }
        });
        registry.CountChanged += OnCountChanged;
        OnCountChanged(this, EventArgs.Empty);
    }

    public void Dispose()
    {
        registry.CountChanged -= OnCountChanged;
        timer.Dispose();
    }

    private void OnCountChanged(object? sender, EventArgs e)
    {
        timer.Change(registry.Count == 0 ? timeout : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}
