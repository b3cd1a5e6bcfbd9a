using System.Text;
using Markdig;
using Markdig.Extensions.TaskLists;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace Maestro.Server.Playbooks.Documents;

/// <summary>
/// Finds the task list items of a markdown document with Markdig (task list and YAML front matter extensions,
/// precise source locations). Markdig only reports checkboxes that render as checkboxes, so a <c>- [ ]</c>
/// inside a code block or an HTML block is never a task. Offsets are converted from characters to bytes so
/// that write-back can touch the file's bytes and nothing else.
/// </summary>
public static class TaskListParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseTaskLists()
        .UseYamlFrontMatter()
        .UsePreciseSourceLocation()
        .Build();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses a file's bytes (UTF-8, with or without a BOM).</summary>
    /// <exception cref="DocumentEncodingException">The bytes are not valid UTF-8.</exception>
    public static TaskDocument Parse(ReadOnlySpan<byte> bytes)
    {
        var bom = bytes.StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes[bom..]);
        }
        catch (DecoderFallbackException ex)
        {
            throw new DocumentEncodingException($"it is not UTF-8 text (invalid byte at offset {bom + ex.Index})", ex);
        }

        return Parse(text, bom);
    }

    /// <summary>Parses text; <paramref name="byteOrigin"/> is the byte offset of its first character in the file.</summary>
    public static TaskDocument Parse(string text, int byteOrigin = 0)
    {
        // The anchor (the Maestro desktop app) also marks a task done with [✓] or [✔]. Markdig knows only x, so the
        // parse sees those marks as x: both are one UTF-16 char, so every position in the parse is one in the text.
        var document = Markdown.Parse(DoneMarks.AsX(text), Pipeline);
        string? frontMatter = null;
        var frontMatterLine = 0;
        var bodyStart = 0;
        if (document.Count > 0 && document[0] is YamlFrontMatterBlock yaml)
        {
            frontMatter = yaml.Lines.ToString();
            frontMatterLine = yaml.Line + 2; // the block starts at the opening fence; the YAML on the next line
            bodyStart = Math.Min(text.Length, yaml.Span.End + 1);
            bodyStart += text.AsSpan(bodyStart).StartsWith("\r\n") ? 2 : text.AsSpan(bodyStart).StartsWith("\n") ? 1 : 0;
        }

        var headings = document.Descendants<HeadingBlock>().OrderBy(h => h.Span.Start).ToList();
        var tasks = new List<DocumentTask>();
        var byteCursor = (long)byteOrigin;
        var charCursor = 0;
        foreach (var box in document.Descendants<TaskList>().OrderBy(t => t.Span.Start))
        {
            if (box.Parent?.ParentBlock is not ParagraphBlock paragraph || !IsTask(text, box, paragraph, out var itemText))
            {
                continue;
            }

            // Bytes up to the mark, counted from the previous task: linear in the document's size.
            var mark = box.Span.Start + 1;
            byteCursor += Encoding.UTF8.GetByteCount(text.AsSpan(charCursor, mark - charCursor));
            charCursor = mark;
            tasks.Add(new DocumentTask(
                tasks.Count,
                box.Line + 1,
                itemText,
                box.Checked,
                Depth(paragraph),
                byteCursor,
                SectionOf(headings, box.Span.Start, text)));
        }

        return new TaskDocument
        {
            Text = text,
            Tasks = tasks,
            FrontMatter = frontMatter,
            FrontMatterLine = frontMatterLine,
            Body = text[bodyStart..],
        };
    }

    /// <summary>
    /// As on GitHub: the checkbox opens the first paragraph of a list item (Markdig also reports a later
    /// <c>- [ ]</c> in the same paragraph), a space follows the brackets, and some text follows the space.
    /// </summary>
    private static bool IsTask(string text, TaskList box, ParagraphBlock paragraph, out string itemText)
    {
        itemText = string.Empty;
        if (box.Parent!.FirstChild != box || paragraph.Parent is not ListItemBlock item || item.Count == 0 || item[0] != paragraph)
        {
            return false;
        }

        var after = box.Span.End + 1;
        var end = Math.Min(text.Length, paragraph.Span.End + 1);
        if (after >= end || (text[after] != ' ' && text[after] != '\t'))
        {
            return false;
        }

        itemText = Collapse(text.AsSpan(after, end - after));
        return itemText.Length > 0;
    }

    private static string Collapse(ReadOnlySpan<char> raw)
    {
        var builder = new StringBuilder(raw.Length);
        var space = false;
        foreach (var c in raw)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static int Depth(Block block)
    {
        var depth = -1;
        for (var parent = block.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is ListBlock)
            {
                depth++;
            }
        }

        return Math.Max(0, depth);
    }

    private static string SectionOf(List<HeadingBlock> headings, int position, string text)
    {
        var path = new List<(int Level, string Title)>();
        foreach (var heading in headings)
        {
            if (heading.Span.Start > position)
            {
                break;
            }

            path.RemoveAll(h => h.Level >= heading.Level);
            var line = text.AsSpan(heading.Span.Start, Math.Min(text.Length, heading.Span.End + 1) - heading.Span.Start);
            var newline = line.IndexOfAny('\r', '\n');
            line = newline >= 0 ? line[..newline] : line; // a setext heading's underline is not its title
            path.Add((heading.Level, Collapse(line.TrimStart('#').TrimEnd('#'))));
        }

        return string.Join(" > ", path.Select(h => h.Title));
    }
}
