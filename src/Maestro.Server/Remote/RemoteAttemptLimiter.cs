using System.Collections.Concurrent;
using System.Net;

namespace Maestro.Server.Remote;

/// <summary>
/// Failed authentications per address: after <see cref="MaxFailures"/> in <see cref="Window"/>, that address is refused
/// without a comparison until the window has passed, so tokens cannot be guessed at socket speed.
/// </summary>
public sealed class RemoteAttemptLimiter
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<IPAddress, Queue<DateTimeOffset>> failures = new();
    private readonly TimeProvider time;

    public RemoteAttemptLimiter(TimeProvider time)
    {
        this.time = time;
    }

    /// <summary>How long <paramref name="address"/> must wait before trying again; zero when it may try now.</summary>
    public TimeSpan RetryAfter(IPAddress address)
    {
        if (!failures.TryGetValue(address, out var recent))
        {
            return TimeSpan.Zero;
        }

        lock (recent)
        {
            Expire(recent);
            return recent.Count >= MaxFailures ? recent.Peek() + Window - time.GetUtcNow() : TimeSpan.Zero;
        }
    }

    /// <summary>Counts a failure; returns how many this address had in the window.</summary>
    public int Fail(IPAddress address)
    {
        var recent = failures.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        lock (recent)
        {
            Expire(recent);
            recent.Enqueue(time.GetUtcNow());
            return recent.Count;
        }
    }

    public void Clear() => failures.Clear();

    private void Expire(Queue<DateTimeOffset> recent)
    {
        var now = time.GetUtcNow();
        while (recent.Count > 0 && now - recent.Peek() >= Window)
        {
            recent.Dequeue();
        }
    }
}
