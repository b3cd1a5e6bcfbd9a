using System.Text;

namespace Maestro.Server.Tests.Playbooks;

/// <summary>
/// Random markdown with task lists for property tests: nested and ordered lists, every bullet kind, checked and
/// unchecked (x and X), lazy continuation lines, headings, fenced and indented code and HTML holding "- [ ]" that
/// are not tasks, multi-byte text, LF, CRLF or mixed line endings, with or without a BOM and a final newline.
/// </summary>
internal static class RandomTaskDocument
{
    private static readonly string[] Words = ["write", "the", "tests", "für", "naïve", "日本語", "emoji 🎉", "`code`", "**bold**", "[link](x.md)", "a\tb", "x", "[ ]", "- [ ]"];

    public static byte[] Create(int seed)
    {
        var random = new Random(seed);
        var eol = random.Next(3) switch { 0 => "\r\n", 1 => "\n", _ => "mixed" };
        string Eol() => eol == "mixed" ? (random.Next(2) == 0 ? "\r\n" : "\n") : eol;
        var text = new StringBuilder();
        if (random.Next(4) == 0)
        {
            text.Append("---").Append(Eol()).Append("agent: claude-code").Append(Eol()).Append("---").Append(Eol());
        }

        for (var blocks = random.Next(1, 12); blocks > 0; blocks--)
        {
            switch (random.Next(7))
            {
                case 0:
                    text.Append(new string('#', random.Next(1, 4))).Append(' ').Append(Sentence(random)).Append(Eol()).Append(Eol());
                    break;
                case 1:
                    text.Append("```").Append(Eol()).Append("- [ ] not a task").Append(Eol()).Append("- [x] nor this").Append(Eol()).Append("```").Append(Eol()).Append(Eol());
                    break;
                case 2:
                    text.Append("    - [ ] indented code, not a task").Append(Eol()).Append(Eol());
                    break;
                case 3:
                    text.Append("<div>").Append(Eol()).Append("- [ ] html, not a task").Append(Eol()).Append("</div>").Append(Eol()).Append(Eol());
                    break;
                case 4:
                    text.Append(Sentence(random)).Append(Eol()).Append(Eol());
                    break;
                default:
                    AppendList(text, random, Eol, depth: 0);
                    text.Append(Eol());
                    break;
            }
        }

        var result = text.ToString();
        if (random.Next(3) == 0)
        {
            result = result.TrimEnd('\r', '\n');
        }

        var bytes = Encoding.UTF8.GetBytes(result);
        return random.Next(5) == 0 ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes;
    }

    private static void AppendList(StringBuilder text, Random random, Func<string> eol, int depth)
    {
        var indent = new string(' ', depth * 4);
        var ordered = random.Next(4) == 0;
        var bullet = ordered ? "1." : random.Next(3) switch { 0 => "-", 1 => "*", _ => "+" };
        for (var items = random.Next(1, 6); items > 0; items--)
        {
            var mark = random.Next(3) switch { 0 => " ", 1 => "x", _ => "X" };
            var spaces = new string(' ', random.Next(1, 3));
            text.Append(indent).Append(bullet).Append(' ').Append('[').Append(mark).Append(']').Append(spaces).Append(Sentence(random)).Append(eol());
            if (random.Next(5) == 0)
            {
                text.Append(indent).Append("  ").Append(Sentence(random)).Append(eol()); // continuation line
            }

            if (depth < 3 && random.Next(4) == 0)
            {
                AppendList(text, random, eol, depth + 1);
            }
        }
    }

    private static string Sentence(Random random)
        => string.Join(' ', Enumerable.Range(0, random.Next(1, 6)).Select(_ => Words[random.Next(Words.Length)])).Trim();
}
