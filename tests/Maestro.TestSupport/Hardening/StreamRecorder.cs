using System.Globalization;
using Maestro.Protocol;
using StreamJsonRpc;

namespace Maestro.TestSupport.Hardening;

/// <summary>
/// A client's view of streamed session events: every seq per session in arrival order, and for each delta printed by
/// the flood stand-in (tests/fixtures/agents/flood-claude.mjs puts its print time in the text) how long it took from
/// the agent's stdout to this client. Takes single events and batches alike.
/// </summary>
public sealed class StreamRecorder
{
    private readonly object gate = new();
    private readonly Dictionary<string, List<long>> seqs = new(StringComparer.Ordinal);
    private readonly List<double> latencies = [];
    private readonly Dictionary<(string Session, long Seq), string> texts = [];
    private int deltas;

    public int Deltas => Volatile.Read(ref deltas);

    [JsonRpcMethod(Methods.SessionsEvents)]
    public void OnEvents(SessionEventsNotification notification)
    {
        foreach (var e in notification.Events)
        {
            OnEvent(e);
        }
    }

    [JsonRpcMethod(Methods.SessionsEvent)]
    public void OnEvent(SessionEventNotification notification)
    {
        var now = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
        lock (gate)
        {
            if (!seqs.TryGetValue(notification.SessionId, out var list))
            {
                seqs[notification.SessionId] = list = [];
            }

            list.Add(notification.Seq);
            if (notification.Event is MessageDeltaEvent text)
            {
                texts[(notification.SessionId, notification.Seq)] = text.Text;
            }

            if (notification.Event is MessageDeltaEvent delta && double.TryParse(delta.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var printedAt))
            {
                latencies.Add(now - printedAt);
                deltas++;
            }
        }
    }

    /// <summary>The seqs this client got for a session, in the order they arrived.</summary>
    public IReadOnlyList<long> Seqs(string sessionId)
    {
        lock (gate)
        {
            return seqs.TryGetValue(sessionId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>The text of every delta this client got for a session, by seq.</summary>
    public IReadOnlyDictionary<long, string> DeltaTexts(string sessionId)
    {
        lock (gate)
        {
            return texts.Where(t => t.Key.Session == sessionId).ToDictionary(t => t.Key.Seq, t => t.Value);
        }
    }

    public long LastSeq(string sessionId)
    {
        lock (gate)
        {
            return seqs.TryGetValue(sessionId, out var list) && list.Count > 0 ? list[^1] : 0;
        }
    }

    /// <summary>The p-th percentile of agent stdout → client latency in ms (nearest rank), 0 with no samples.</summary>
    public double LatencyPercentile(double p)
    {
        lock (gate)
        {
            if (latencies.Count == 0)
            {
                return 0;
            }

            var sorted = latencies.Order().ToList();
            var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
        }
    }
}
