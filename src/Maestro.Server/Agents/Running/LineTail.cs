namespace Maestro.Server.Agents.Running;

/// <summary>The last N lines of a stream, for error reports.</summary>
internal sealed class LineTail
{
    private readonly Queue<string> lines = new();
    private readonly int capacity;

    public LineTail(int capacity)
    {
        this.capacity = capacity;
    }

    public void Add(string line)
    {
        lock (lines)
        {
            lines.Enqueue(line.Length > 2000 ? line[..2000] + "…" : line);
            while (lines.Count > capacity)
            {
                lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (lines)
        {
            return string.Join('\n', lines);
        }
    }
}
