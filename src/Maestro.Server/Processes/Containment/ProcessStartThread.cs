using System.Collections.Concurrent;

namespace Maestro.Server.Processes.Containment;

/// <summary>
/// One thread that lives as long as the process and starts every agent. Linux sends the parent-death signal when the
/// <em>thread</em> that forked a child ends, not the process: started from a pool thread that later retires, an agent
/// would be killed mid-turn. Only the start runs here; the caller awaits the process as usual.
/// </summary>
public static class ProcessStartThread
{
    private static readonly BlockingCollection<Action> Starts = [];

    static ProcessStartThread()
    {
        var thread = new Thread(() =>
        {
            foreach (var start in Starts.GetConsumingEnumerable())
            {
                start();
            }
        })
        {
            IsBackground = true,
            Name = "maestro-agent-start",
        };
        thread.Start();
    }

    /// <summary>Runs <paramref name="start"/> (which starts a process and returns at once) on the start thread.</summary>
    public static T Run<T>(Func<T> start)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Starts.Add(() =>
        {
            try
            {
                result.SetResult(start());
            }
            catch (Exception ex)
            {
                result.SetException(ex);
            }
        });
        return result.Task.GetAwaiter().GetResult();
    }
}
