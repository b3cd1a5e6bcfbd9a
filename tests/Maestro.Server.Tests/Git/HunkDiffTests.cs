using System.Text;
using Maestro.Server.Git.Review;

namespace Maestro.Server.Tests.Git;

public sealed class HunkDiffTests
{
    private static string[] Lines(string text) => TextLines.Split(Encoding.UTF8.GetBytes(text));

    private static string Numbered(int count, Func<int, string>? line = null)
        => string.Concat(Enumerable.Range(1, count).Select(i => (line?.Invoke(i) ?? $"line {i}") + "\n"));

    [Fact]
    public void Identical_texts_have_no_hunks()
    {
        Assert.Empty(HunkDiff.Compute(Lines("a\nb\n"), Lines("a\nb\n")));
    }

    [Fact]
    public void One_changed_line_gives_one_hunk_with_three_lines_of_context()
    {
        var old = Lines(Numbered(10));
        var @new = Lines(Numbered(10, i => i == 5 ? "changed" : $"line {i}"));
        var hunk = Assert.Single(HunkDiff.Compute(old, @new));
        Assert.Equal((1, 7, 1, 7), (hunk.OldStart, hunk.OldCount, hunk.NewStart, hunk.NewCount));
        Assert.Equal("   -+   ", string.Concat(hunk.Lines.Select(l => l.Op)));
    }

    [Fact]
    public void Changes_seven_lines_apart_are_two_hunks_and_six_apart_are_one()
    {
        var old = Lines(Numbered(30));
        Assert.Equal(2, HunkDiff.Compute(old, Lines(Numbered(30, i => i is 5 or 13 ? "x" : $"line {i}"))).Count);
        Assert.Single(HunkDiff.Compute(old, Lines(Numbered(30, i => i is 5 or 12 ? "x" : $"line {i}"))));
    }

    [Fact]
    public void Applying_every_hunk_gives_the_new_text_and_reverting_every_hunk_gives_the_old()
    {
        var old = Lines("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n");
        var @new = Lines("a\nB\nc\nd\ne\nf\ng\nh\ni\nk\nl\nm\nn\nextra\n");
        var hunks = HunkDiff.Compute(old, @new);
        Assert.Equal(@new, PatchApplier.Accept(old, hunks));
        Assert.Equal(old, PatchApplier.Reject(@new, hunks));
    }

    [Fact]
    public void Insertions_at_the_start_and_deletions_at_the_end_apply_both_ways()
    {
        var old = Lines("a\nb\nc\n");
        var @new = Lines("new\na\nb\n");
        var hunks = HunkDiff.Compute(old, @new);
        Assert.Equal(@new, PatchApplier.Accept(old, hunks));
        Assert.Equal(old, PatchApplier.Reject(@new, hunks));
    }

    [Fact]
    public void A_large_rewrite_still_gives_a_correct_diff()
    {
        var random = new Random(42);
        var old = Enumerable.Range(0, 20_000).Select(_ => random.Next(50).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n").ToArray();
        var @new = Enumerable.Range(0, 20_000).Select(_ => random.Next(50).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n").ToArray();
        var hunks = HunkDiff.Compute(old, @new);
        Assert.Equal(@new, PatchApplier.Accept(old, hunks));
        Assert.Equal(old, PatchApplier.Reject(@new, hunks));
    }

    [Fact]
    public void Lines_keep_their_terminators_so_crlf_and_a_missing_final_newline_round_trip()
    {
        var bytes = Encoding.UTF8.GetBytes("one\r\ntwo\nthree");
        var lines = TextLines.Split(bytes);
        Assert.Equal(["one\r\n", "two\n", "three"], lines);
        Assert.Equal(bytes, TextLines.Join(lines));
        Assert.Equal("one", TextLines.Display(lines[0]));
    }

    [Fact]
    public void Hunk_ids_depend_on_content_and_path_not_on_line_numbers()
    {
        var old = Lines(Numbered(40));
        var first = HunkId.Assign("f.txt", HunkDiff.Compute(old, Lines(Numbered(40, i => i is 5 or 30 ? "x" : $"line {i}"))));
        var shifted = HunkId.Assign("f.txt", HunkDiff.Compute(Lines("extra\n" + Numbered(40)), Lines("extra\n" + Numbered(40, i => i is 5 or 30 ? "x" : $"line {i}"))));
        var elsewhere = HunkId.Assign("g.txt", HunkDiff.Compute(old, Lines(Numbered(40, i => i is 5 or 30 ? "x" : $"line {i}"))));
        Assert.Equal(first.Select(h => h.Id), shifted.Select(h => h.Id));
        Assert.NotEqual(first[0].Id, first[1].Id);
        Assert.NotEqual(first[0].Id, elsewhere[0].Id);
    }

    [Fact]
    public void Identical_hunks_in_one_file_get_distinct_ids()
    {
        var old = Lines("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\np\n" + "a\nb\nc\nd\ne\nf\ng\n");
        var @new = Lines("a\nb\nc\nX\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\np\n" + "a\nb\nc\nX\ne\nf\ng\n");
        var hunks = HunkId.Assign("f", HunkDiff.Compute(old, @new));
        Assert.Equal(2, hunks.Count);
        Assert.NotEqual(hunks[0].Id, hunks[1].Id);
    }
}
