using Maestro.Protocol;
using Maestro.Server.Playbooks.Config;
using Maestro.Server.Playbooks.Errors;
using Maestro.Server.Playbooks.Loading;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Playbooks;

public sealed class PlaybookLoaderTests : IDisposable
{
    private readonly TempDirectory folder = new("pb-load");

    public void Dispose() => folder.Dispose();

    private string Write(string relative, string text)
    {
        var path = folder.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<string> InvalidAsync(string path)
        => (await Assert.ThrowsAsync<PlaybookInvalidException>(() => PlaybookLoader.LoadAsync(path, CancellationToken.None))).Message;

    [Fact]
    public async Task A_folder_runs_its_documents_in_file_name_order_with_settings_layered()
    {
        Write("pb/playbook.yaml", "agent: claude-code\nloops: 2\nretries: 3\nbudget:\n  maxTasks: 10\n  maxCostUsd: 1.5\n");
        Write("pb/10-last.md", "- [ ] Last\n");
        Write("pb/02-second.md", "---\nretries: 0\nprompt: \"Do {{task}} in {{document}}\"\n---\n- [x] Second\n- [ ] Third\n");
        Write("pb/01-first.md", "# First\n- [ ] First\n");
        Write("pb/README.md", "About this playbook, no tasks.\n");

        var playbook = await PlaybookLoader.LoadAsync(folder.Combine("pb"), CancellationToken.None);

        Assert.True(playbook.IsFolder);
        Assert.Equal("pb", playbook.Name);
        Assert.Equal(["01-first.md", "02-second.md", "10-last.md"], playbook.Documents.Select(d => d.Name));
        Assert.Equal((4, 1), (playbook.TotalTasks, playbook.DoneTasks));
        Assert.Equal(2, playbook.Config.Loops);
        Assert.Equal(new RunBudget { MaxTasks = 10, MaxCostUsd = 1.5m }, playbook.Config.Budget);
        Assert.Equal(3, playbook.Documents[0].Config.Retries);
        Assert.Equal(0, playbook.Documents[1].Config.Retries);
        Assert.Equal("claude-code", playbook.Documents[1].Config.Agent);
    }

    [Fact]
    public async Task A_single_file_is_a_one_document_playbook_whose_front_matter_sets_the_run()
    {
        var path = Write("one.md", "---\nloops: 3\nonTaskFailure: continue\nworktree: auto/one\n---\n- [ ] Only\n");

        var playbook = await PlaybookLoader.LoadAsync(path, CancellationToken.None);

        Assert.False(playbook.IsFolder);
        Assert.Equal("one", playbook.Name);
        Assert.Equal(3, playbook.Config.Loops);
        Assert.Equal(TaskFailurePolicy.Continue, playbook.Config.OnTaskFailure);
        Assert.Equal("auto/one", playbook.Config.Worktree);
    }

    [Fact]
    public async Task A_missing_folder_is_named()
        => Assert.Contains("There is no playbook at", await InvalidAsync(folder.Combine("nope")), StringComparison.Ordinal);

    [Fact]
    public async Task A_document_without_tasks_is_named()
    {
        Write("pb/01.md", "- [ ] ok\n");
        var empty = Write("pb/02.md", "# Notes\n```\n- [ ] in code\n```\n");
        var message = await InvalidAsync(folder.Combine("pb"));
        Assert.Contains(empty, message, StringComparison.Ordinal);
        Assert.Contains("has no tasks", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_documents_is_refused()
    {
        Directory.CreateDirectory(folder.Combine("empty"));
        Assert.Contains("has no markdown documents", await InvalidAsync(folder.Combine("empty")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_front_matter_names_the_file_and_line()
    {
        var path = Write("bad.md", "---\nagent: claude-code\nloops: [1, \n---\n- [ ] Task\n");
        var message = await InvalidAsync(path);
        Assert.Contains(path, message, StringComparison.Ordinal);
        Assert.Matches("line [34]", message);
    }

    [Fact]
    public async Task Unknown_keys_and_bad_values_are_refused()
    {
        Assert.Contains("unknown or misplaced key", await InvalidAsync(Write("a.md", "---\nagnet: x\n---\n- [ ] T\n")), StringComparison.Ordinal);
        Assert.Contains("loops is 0", await InvalidAsync(Write("b.md", "---\nloops: 0\n---\n- [ ] T\n")), StringComparison.Ordinal);
        Assert.Contains("onTaskFailure is 'maybe'", await InvalidAsync(Write("c.md", "---\nonTaskFailure: maybe\n---\n- [ ] T\n")), StringComparison.Ordinal);
        Assert.Contains("unknown placeholder {{taks}}", await InvalidAsync(Write("d.md", "---\nprompt: \"Do {{taks}}\"\n---\n- [ ] T\n")), StringComparison.Ordinal);
        Assert.Contains("never says {{task}}", await InvalidAsync(Write("e.md", "---\nprompt: \"Do it\"\n---\n- [ ] T\n")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_wide_settings_in_a_folder_document_are_refused()
    {
        Write("pb/01.md", "---\nloops: 2\n---\n- [ ] T\n");
        Assert.Contains("in a folder playbook set them in playbook.yaml", await InvalidAsync(folder.Combine("pb")), StringComparison.Ordinal);
    }

    [Fact]
    public void Playbooks_are_found_in_playbooks_folders_and_by_playbook_yaml()
    {
        Write("examples/playbooks/a/01.md", "- [ ] T\n");
        Write("examples/playbooks/single.md", "- [ ] T\n");
        Write("tools/ci/playbook.yaml", "loops: 1\n");
        Write("node_modules/x/playbooks/b/01.md", "- [ ] T\n");

        var found = PlaybookFinder.Find(folder.Path);

        Assert.Equal(
            new[] { folder.Combine("examples", "playbooks", "a"), folder.Combine("examples", "playbooks", "single.md"), folder.Combine("tools", "ci") }.Order(StringComparer.Ordinal),
            found.Order(StringComparer.Ordinal));
    }
}
