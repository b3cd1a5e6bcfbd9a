using System.Collections.Concurrent;
using Maestro.Protocol;
using Maestro.Server.Agents;
using Maestro.Server.Agents.Running;
using Maestro.Server.Hosting;
using Maestro.Server.Rpc;

namespace Maestro.Server.Sessions.Output;

/// <summary>
/// Every session's latest agent stderr, in memory only (a daemon restart starts every session's output afresh, at
/// seq 1): a bounded ring per session (<see cref="MaestroOptions.SessionOutputLines"/>, <see cref="MaestroOptions.SessionOutputBytes"/>),
/// each line without ANSI escapes, its secrets masked and cut at 2000 characters. New lines reach the clients as
/// <c>sessions/outputAppended</c>, batched per session at most every 100 ms and only queued (a slow client never
/// holds up the agent's stderr reader, nor the agent).
/// </summary>
public sealed class SessionOutput : IAgentStderrSink, IDisposable
{
    private const int MaxLineChars = 2000;
    private const int MaxLinesPerNotification = 500;
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, OutputRing> rings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SessionOutputLine>> pending = new(StringComparer.Ordinal);
    private readonly ConnectionRegistry clients;
    private readonly MaestroOptions options;
    private readonly TimeProvider time;
    private readonly Timer flush;
    private bool scheduled;

    public SessionOutput(ConnectionRegistry clients, MaestroOptions options, TimeProvider time)
    {
        this.clients = clients;
        this.options = options;
        this.time = time;
        flush = new Timer(_ => Flush());
    }

    public void Add(string sessionId, string line, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        // Masked before cutting, so a secret across the cut is still found whole.
        var text = redactor.Redact(LineTail.WithoutEscapes(line));
        if (text.Length > MaxLineChars)
        {
            text = text[..MaxLineChars] + "…";
        }

        var ring = RingOf(sessionId);
        lock (ring)
        {
            var added = ring.Add(text, time.GetUtcNow());
            // Under the ring's lock: the batch holds the lines in seq order even with two writers.
            lock (pending)
            {
                if (!pending.TryGetValue(sessionId, out var batch))
                {
                    pending[sessionId] = batch = [];
                }

                batch.Add(added);
                if (!scheduled)
                {
                    scheduled = true;
                    flush.Change(BatchWindow, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    /// <summary>The session's kept lines after <paramref name="afterSeq"/>; none for a session whose agent said nothing yet.</summary>
    public SessionOutputResult Read(string sessionId, long? afterSeq)
    {
        if (!rings.TryGetValue(sessionId, out var ring))
        {
            return new SessionOutputResult { Lines = [], Truncated = false };
        }

        lock (ring)
        {
            return ring.Read(afterSeq);
        }
    }

    /// <summary>Drops a deleted session's output.</summary>
    public void Forget(string sessionId) => rings.TryRemove(sessionId, out _);

    public void Dispose() => flush.Dispose();

    private OutputRing RingOf(string sessionId)
    {
        if (rings.TryGetValue(sessionId, out var ring))
        {
            return ring;
        }

        ring = rings.GetOrAdd(sessionId, _ => new OutputRing(options.SessionOutputLines, options.SessionOutputBytes));
        // A bound on sessions too: the one whose agent wrote longest ago is forgotten.
        while (rings.Count > Math.Max(1, options.SessionOutputSessions))
        {
            var quietest = rings.Where(r => r.Key != sessionId).MinBy(r => r.Value.LastWrite);
            if (quietest.Key is null || !rings.TryRemove(quietest.Key, out _))
            {
                break;
            }
        }

        return ring;
    }

    private void Flush()
    {
        Dictionary<string, List<SessionOutputLine>> batches;
        lock (pending)
        {
            scheduled = false;
            batches = new Dictionary<string, List<SessionOutputLine>>(pending, StringComparer.Ordinal);
            pending.Clear();
        }

        foreach (var (sessionId, lines) in batches)
        {
            foreach (var chunk in lines.Chunk(MaxLinesPerNotification))
            {
                clients.PostToAll(Methods.SessionsOutputAppended, new SessionOutputAppendedNotification { SessionId = sessionId, Lines = chunk });
            }
        }
    }
}
