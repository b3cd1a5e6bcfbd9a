using System.Text;
using Maestro.Server.Playbooks.Documents;
using Maestro.Server.Playbooks.Loading;
using Maestro.Server.Playbooks.Prompts;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Playbooks;

/// <summary>The Maestro desktop app's documents read as they are: its done marks, its folders, its template variables.</summary>
public sealed class AnchorFormatTests : IDisposable
{
    private readonly TempDirectory folder = new("pb-anchor");

    public void Dispose() => folder.Dispose();

    private string Write(string relative, string text)
    {
        var path = folder.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Check_marks_and_heavy_check_marks_are_done_and_their_bytes_are_located()
    {
        var bytes = Encoding.UTF8.GetBytes("- [✓] One\n- [✔] Two\n- [ ] Three ✓ noted\n* [x] Four\n```\n- [✓] fenced\n```\n- [✗] Not a mark\n");

        var doc = TaskListParser.Parse(bytes);

        Assert.Equal(["One", "Two", "Three ✓ noted", "Four"], doc.Tasks.Select(t => t.Text));
        Assert.Equal([true, true, false, true], doc.Tasks.Select(t => t.Checked));
        Assert.All(doc.Tasks, t => Assert.True(CheckboxEdit.IsMarkAt(bytes, t.MarkOffset), $"mark of {t.Text}"));
        Assert.Equal(3, DoneMarks.LengthAt(bytes, doc.Tasks[0].MarkOffset));
        Assert.Equal(1, DoneMarks.LengthAt(bytes, doc.Tasks[2].MarkOffset));
        Assert.Contains("[✓] One", doc.Text, StringComparison.Ordinal); // the text is the file's, not the parse's
    }

    [Fact]
    public async Task Unchecking_a_check_mark_leaves_a_space_and_every_other_byte()
    {
        var path = Write("marks.md", "\uFEFF# Ü\r\n- [✓] One\r\n- [✔] Two ✓\r\n- [x] Three\r\nEnd ✔\r\n");

        Assert.False((await CheckboxWriter.SetAsync(path, "One", 0, check: false, CancellationToken.None))!.Checked);
        await CheckboxWriter.SetAsync(path, "Two ✓", 1, check: false, CancellationToken.None);
        await CheckboxWriter.SetAsync(path, "Three", 2, check: false, CancellationToken.None);

        Assert.Equal(Encoding.UTF8.GetBytes("\uFEFF# Ü\r\n- [ ] One\r\n- [ ] Two ✓\r\n- [ ] Three\r\nEnd ✔\r\n"), await File.ReadAllBytesAsync(path));
        Assert.Equal([false, false, false], TaskListParser.Parse(await File.ReadAllBytesAsync(path)).Tasks.Select(t => t.Checked));
    }

    [Fact]
    public async Task Checking_a_task_already_marked_with_a_check_mark_changes_nothing()
    {
        var path = Write("done.md", "- [✔] Done\n");

        Assert.True((await CheckboxWriter.SetAsync(path, "Done", 0, check: true, CancellationToken.None))!.Checked);

        Assert.Equal("- [✔] Done\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public void The_apps_folders_are_found_the_hidden_maestro_one_and_the_legacy_auto_run_docs()
    {
        var single = Write(".maestro/playbooks/Phase 1.md", "- [ ] T\n");
        Write(".maestro/other/x.md", "- [ ] not a playbook folder\n");
        Write(".git/playbooks/y.md", "- [ ] hidden and not the app's\n");
        var legacyDoc = Write("Auto Run Docs/Setup.md", "- [✓] T\n");
        Write("Auto Run Docs/Initiation/Phase-01.md", "- [ ] T\n");

        var found = PlaybookFinder.Find(folder.Path);

        Assert.Equal(
            new[] { single, legacyDoc, folder.Combine("Auto Run Docs", "Initiation") }.Order(StringComparer.Ordinal),
            found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_apps_template_variables_are_filled_case_insensitively_and_unknown_braces_stay()
    {
        var now = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var values = new PromptValues("/p", "/p/.maestro/playbooks/Phase 1.md", "t", 1, string.Empty, string.Empty, 2, "claude-code", "/repo", "main", now);

        var text = AnchorVariables.Expand("{{AGENT_NAME}} {{cwd}} {{DOCUMENT_PATH}} {{DOCUMENT_NAME}} {{LOOP_NUMBER}} {{GIT_BRANCH}} {{DATE}} {{TIME}} {{AUTORUN_FOLDER}} {{SOMETHING_ELSE}} {{task}}", values);

        Assert.Equal("claude-code /repo /p/.maestro/playbooks/Phase 1.md Phase 1 00002 main 2026-03-04 05:06:07 /p/.maestro/playbooks {{SOMETHING_ELSE}} {{task}}", text);
    }

    [Fact]
    public void A_prompt_template_may_use_the_apps_variables_and_the_document_shown_is_filled_too()
    {
        var template = PromptTemplate.Parse("Loop {{LOOP_NUMBER}} on {{GIT_BRANCH}}: {{task}}\n{{context}}", "playbook.yaml");
        var values = new PromptValues("/p", "/p/d.md", "Write {{DATE}}", 1, string.Empty, "Agent {{AGENT_NAME}} in {{CWD}}", 1, "codex", "/w", null, new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal("Loop 00001 on : Write 2026-01-02\nAgent codex in /w", template.Render(values));
        Assert.Contains("{{NOPE}}", Assert.Throws<Maestro.Server.Playbooks.Errors.PlaybookInvalidException>(() => PromptTemplate.Parse("{{task}} {{NOPE}}", "x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_branch_is_read_from_head_and_from_a_worktrees_git_file()
    {
        Write("repo/.git/HEAD", "ref: refs/heads/feature/x\n");
        Directory.CreateDirectory(folder.Combine("repo", "src", "deep"));
        Write("wt-git/HEAD", "0123456789abcdef0123456789abcdef01234567\n");
        Write("wt/.git", "gitdir: ../wt-git\n");

        Assert.Equal("feature/x", GitHead.BranchOf(folder.Combine("repo", "src", "deep")));
        Assert.Equal("0123456789ab", GitHead.BranchOf(folder.Combine("wt")));
    }
}
