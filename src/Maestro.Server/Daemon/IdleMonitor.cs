using Maestro.Server.Rpc;

namespace Maestro.Server.Daemon;

/// <summary>
/// Calls back once the registry has had no connection for the whole timeout. In between, a second after
/// the last client leaves, it returns the garbage collector's free memory to the OS: an idle daemon should
/// cost its user as little memory as possible.
/// </summary>
internal sealed class IdleMonitor : IDisposable
{
    private readonly ConnectionRegistry registry;
    private readonly TimeSpan timeout;
    private readonly Timer timer;
    private readonly Timer trim = new(_ => Trim());

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
        trim.Dispose();
    }

    private static void Trim()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private void OnCountChanged(object? sender, EventArgs e)
    {
        var idle = registry.Count == 0;
        timer.Change(idle ? timeout : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        trim.Change(idle ? TimeSpan.FromSeconds(1) : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}
