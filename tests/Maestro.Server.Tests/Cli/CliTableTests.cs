using Maestro.Server.Cli;

namespace Maestro.Server.Tests.Cli;

/// <summary>The CLI's tables: headers, columns two spaces apart, numbers to the right, no trailing blanks, and on a
/// narrow terminal one column cut with "…" so no row wraps.</summary>
public sealed class CliTableTests
{
    private static CliTable Sample() => new("ID", "NAME", "COST", "FOLDER") { Flexible = 3, KeepEnd = true, RightAligned = new HashSet<int> { 2 } };

    private static string Render(CliTable table, int width)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        table.Write(writer, width);
        return writer.ToString();
    }

    [Fact]
    public void Columns_are_aligned_under_their_headers_with_numbers_to_the_right_and_nothing_trailing()
    {
        var table = Sample();
        table.Add("s_1", "first", "$0.25", "/work/repo");
        table.Add("s_22", "second session", "$12.50", "/work/repo/.worktrees/feature");
        Assert.Equal(
            "ID    NAME              COST  FOLDER\n" +
            "s_1   first            $0.25  /work/repo\n" +
            "s_22  second session  $12.50  /work/repo/.worktrees/feature\n",
            Render(table, int.MaxValue));
    }

    [Fact]
    public void A_narrow_terminal_cuts_the_flexible_column_from_its_start_and_a_pipe_cuts_nothing()
    {
        var table = Sample();
        table.Add("s_1", "first", "$0.25", "/work/a/very/long/path/to/the/repository/folder");
        var narrow = Render(table, 40);
        Assert.All(narrow.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.True(line.Length <= 40, line));
        Assert.Contains("…", narrow, StringComparison.Ordinal);
        Assert.EndsWith("repository/folder\n", narrow, StringComparison.Ordinal);
        Assert.Contains("/work/a/very/long/path/to/the/repository/folder", Render(table, int.MaxValue), StringComparison.Ordinal);
        Assert.DoesNotContain(" \n", narrow, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_flexible_column_is_not_enough_the_widest_other_text_column_is_cut_but_never_the_id_or_numbers()
    {
        var table = Sample();
        table.Add("s_1", "a-session-name-that-is-far-too-long-for-a-narrow-terminal", "$0.25", "/work/a/long/path/to/the/repository");
        var narrow = Render(table, 50);
        var lines = narrow.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.True(line.Length <= 50, $"{line.Length}: {line}"));
        Assert.StartsWith("s_1  a-session-name", lines[1], StringComparison.Ordinal);
        Assert.Contains("…  $0.25  …", lines[1], StringComparison.Ordinal);
        Assert.Equal(lines[0].IndexOf("COST", StringComparison.Ordinal) + 4, lines[1].IndexOf("$0.25", StringComparison.Ordinal) + 5);
    }
}
