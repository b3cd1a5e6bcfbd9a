using System.Text;
using Maestro.Server.Playbooks.Documents;

namespace Maestro.Server.Tests.Playbooks;

public sealed class TaskListParserTests
{
    [Fact]
    public void Finds_nested_tasks_in_order_with_lines_depth_and_section()
    {
        var doc = TaskListParser.Parse(Encoding.UTF8.GetBytes("""
            # Release
            ## Build

            - [ ] Compile
              everything
              - [x] Nested done
                - [X] Deeper
            1. [ ] Ordered
            * [ ] Star

            Text.
            """));

        Assert.Equal(["Compile everything", "Nested done", "Deeper", "Ordered", "Star"], doc.Tasks.Select(t => t.Text));
        Assert.Equal([4, 6, 7, 8, 9], doc.Tasks.Select(t => t.Line));
        Assert.Equal([0, 1, 2, 0, 0], doc.Tasks.Select(t => t.Depth));
        Assert.Equal([false, true, true, false, false], doc.Tasks.Select(t => t.Checked));
        Assert.All(doc.Tasks, t => Assert.Equal("Release > Build", t.Section));
        Assert.Equal(2, doc.DoneCount);
    }

    [Fact]
    public void Checkboxes_in_code_html_and_without_text_are_not_tasks()
    {
        var doc = TaskListParser.Parse(Encoding.UTF8.GetBytes("""
            ```md
            - [ ] in a fence
            ```

                - [ ] indented code

            <div>
            - [ ] in html
            </div>

            - [ ]no space
            - [x]
            - [ ] real one
            """));

        Assert.Equal(["real one"], doc.Tasks.Select(t => t.Text));
    }

    [Fact]
    public void Offsets_are_bytes_with_crlf_a_bom_and_multibyte_text()
    {
        var text = "# Überschrift 🎉\r\n\r\n- [ ] für naïve\r\n- [x] 日本語\r\n";
        var bytes = (byte[])[.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)];

        var doc = TaskListParser.Parse(bytes);

        Assert.Equal(2, doc.Tasks.Count);
        Assert.All(doc.Tasks, t => Assert.True(CheckboxEdit.IsMarkAt(bytes, t.MarkOffset)));
        Assert.Equal((byte)'x', bytes[doc.Tasks[1].MarkOffset]);
        Assert.Equal("Überschrift 🎉", doc.Tasks[0].Section);
    }

    [Fact]
    public void Front_matter_is_separated_from_the_body_with_its_line()
    {
        var doc = TaskListParser.Parse(Encoding.UTF8.GetBytes("---\nagent: claude-code\nloops: 2\n---\n- [ ] Task\n"));

        Assert.Equal("agent: claude-code\nloops: 2", doc.FrontMatter);
        Assert.Equal(2, doc.FrontMatterLine);
        Assert.Equal("- [ ] Task\n", doc.Body);
        Assert.Equal(5, doc.Tasks[0].Line);
    }

    [Fact]
    public void Text_that_is_not_utf8_is_refused_with_the_offset()
    {
        var ex = Assert.Throws<DocumentEncodingException>(() => TaskListParser.Parse([(byte)'-', (byte)' ', 0xC3, 0x28]));
        Assert.Contains("not UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_is_found_again_after_lines_were_added_or_a_note_appended()
    {
        var after = TaskListParser.Parse(Encoding.UTF8.GetBytes("Intro\n\n- [ ] New\n- [ ] A\n- [x] B (done: see PR)\n- [ ] A\n"));

        Assert.Equal(1, TaskMatcher.Find(after, "A", 0)!.Ordinal);
        Assert.Equal(3, TaskMatcher.Find(after, "A", 3)!.Ordinal); // of two equal texts, the nearer position
        Assert.Equal(2, TaskMatcher.Find(after, "B", 1)!.Ordinal); // the agent appended a note
        Assert.Null(TaskMatcher.Find(after, "C", 0));
    }
}
