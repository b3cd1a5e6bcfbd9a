namespace Maestro.Server.Agents.Running;

/// <summary>The last N lines of a stream, for error reports.</summary>
internal sealed partial class LineTail
{
    private readonly Queue<string> lines = new();
    private readonly int capacity;

    public LineTail(int capacity)
    {
        this.capacity = capacity;
    }

    public void Add(string line)
    {
        line = WithoutEscapes(line);
        lock (lines)
        {
            lines.Enqueue(line.Length > 2000 ? line[..2000] + "…" : line);
            while (lines.Count > capacity)
            {
                lines.Dequeue();
            }
        }
    }

    /// <summary>The line without its ANSI colour and cursor escapes (agents colour their stderr on a terminal and sometimes not only there).</summary>
    public static string WithoutEscapes(string line) => AnsiEscapes().Replace(line, string.Empty);

    [System.Text.RegularExpressions.GeneratedRegex(@"\x1B\[[0-9;?]*[A-Za-z]")]
    private static partial System.Text.RegularExpressions.Regex AnsiEscapes();

    public override string ToString()
    {
        lock (lines)
        {
            return string.Join('\n', lines);
        }
    }
}
