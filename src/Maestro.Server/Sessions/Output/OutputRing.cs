using System.Text;
using Maestro.Protocol;

namespace Maestro.Server.Sessions.Output;

/// <summary>
/// One session's latest output lines, bounded by count and by UTF-8 bytes (whichever is reached first drops the
/// oldest). Seq numbers go on across turns and agent processes. Not thread-safe: <see cref="SessionOutput"/> locks it.
/// </summary>
internal sealed class OutputRing
{
    private readonly Queue<(SessionOutputLine Line, int Bytes)> lines = new();
    private readonly int maxLines;
    private readonly int maxBytes;
    private long bytes;
    private long lastSeq;
    private long droppedUpTo;

    public OutputRing(int maxLines, int maxBytes)
    {
        this.maxLines = Math.Max(1, maxLines);
        this.maxBytes = Math.Max(1, maxBytes);
    }

    /// <summary>When a line was last added (for forgetting the quietest session first).</summary>
    public long LastWrite { get; private set; }

    public SessionOutputLine Add(string text, DateTimeOffset at)
    {
        var line = new SessionOutputLine { Seq = ++lastSeq, At = at, Text = text };
        var size = Encoding.UTF8.GetByteCount(text);
        lines.Enqueue((line, size));
        bytes += size;
        // The newest line stays even if it alone is over the byte limit (lines are cut well below it anyway).
        while (lines.Count > maxLines || (bytes > maxBytes && lines.Count > 1))
        {
            var (dropped, droppedBytes) = lines.Dequeue();
            bytes -= droppedBytes;
            droppedUpTo = dropped.Seq;
        }

        LastWrite = Environment.TickCount64;
        return line;
    }

    public SessionOutputResult Read(long? afterSeq)
    {
        var after = afterSeq ?? 0;
        return new SessionOutputResult
        {
            Lines = [.. lines.Select(l => l.Line).Where(l => l.Seq > after)],
            Truncated = droppedUpTo > after,
        };
    }
}
