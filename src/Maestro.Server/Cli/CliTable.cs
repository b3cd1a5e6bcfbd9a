namespace Maestro.Server.Cli;

/// <summary>
/// A plain-text table as <c>kubectl get</c> and <c>gh</c> print them: upper-case headers, columns two spaces apart,
/// no trailing blanks. On a terminal the flexible column (a name or a path) is shortened with "…" first, then the
/// other wide text columns, widest first, so a row never wraps; the first column (the id a user copies) and the
/// right-aligned numbers are never cut. In a pipe nothing is cut, so scripts read whole values.
/// </summary>
internal sealed class CliTable
{
    private readonly string[] headers;
    private readonly List<string[]> rows = [];

    public CliTable(params string[] headers)
    {
        this.headers = headers;
    }

    /// <summary>The column shortened to fit the terminal, or -1 for none.</summary>
    public int Flexible { get; init; } = -1;

    /// <summary>Shorten the flexible column from its start (paths: the end says more than the beginning).</summary>
    public bool KeepEnd { get; init; }

    /// <summary>Columns aligned to the right (numbers, money).</summary>
    public IReadOnlySet<int> RightAligned { get; init; } = new HashSet<int>();

    public int Count => rows.Count;

    public void Add(params string?[] cells)
        => rows.Add([.. Enumerable.Range(0, headers.Length).Select(i => i < cells.Length ? cells[i] ?? string.Empty : string.Empty)]);

    /// <summary>Writes the header and the rows to <paramref name="writer"/>, fitting <see cref="CliTerminal.Columns"/> on a terminal.</summary>
    public void Write(TextWriter writer) => Write(writer, CliTerminal.IsLive ? CliTerminal.Columns : int.MaxValue);

    public void Write(TextWriter writer, int width)
    {
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var total = widths.Sum() + (2 * (widths.Length - 1));
        if (total > width && Flexible >= 0)
        {
            widths[Flexible] = Math.Max(Floor(Flexible), widths[Flexible] - (total - width));
            total = widths.Sum() + (2 * (widths.Length - 1));
        }

        // Still too wide (a long name beside a long path): the widest other text column gives a column at a time.
        while (total > width
            && Enumerable.Range(1, widths.Length - 1).Where(i => !RightAligned.Contains(i) && widths[i] > Floor(i)).OrderByDescending(i => widths[i]).FirstOrDefault() is var widest and > 0)
        {
            widths[widest]--;
            total--;
        }

        writer.WriteLine(Line(headers, widths));
        foreach (var row in rows)
        {
            writer.WriteLine(Line(row, widths));
        }
    }

    /// <summary>How narrow a column may get: its header, and at least a few letters of its values.</summary>
    private int Floor(int column) => Math.Max(headers[column].Length, 8);

    private string Line(string[] cells, int[] widths)
    {
        var parts = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = Fit(cells[i], widths[i], i == Flexible && KeepEnd);
            parts[i] = RightAligned.Contains(i) ? cell.PadLeft(widths[i]) : i == cells.Length - 1 ? cell : cell.PadRight(widths[i]);
        }

        return string.Join("  ", parts).TrimEnd();
    }

    private static string Fit(string cell, int width, bool keepEnd)
        => cell.Length <= width ? cell : keepEnd ? "…" + cell[(cell.Length - width + 1)..] : cell[..(width - 1)] + "…";
}
