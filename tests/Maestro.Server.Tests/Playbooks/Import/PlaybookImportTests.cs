using System.Text.Json.Nodes;
using Maestro.Server.Playbooks.Config;
using Maestro.Server.Playbooks.Errors;
using Maestro.Server.Playbooks.Import;
using Maestro.Server.Playbooks.Loading;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;

namespace Maestro.Server.Tests.Playbooks.Import;

/// <summary>
/// <c>maestro playbooks import</c> of the desktop app's saved playbooks (tests/fixtures/playbooks/app-saved, written in
/// the app's format) into Playbook folders, and a run of the result with the Claude Code STAND-IN.
/// </summary>
public sealed class PlaybookImportTests : IAsyncLifetime
{
    private static readonly string AppFolder = Path.Combine(RepoRoot.Path, "tests", "fixtures", "playbooks", "app-saved");
    private readonly TempDirectory temp = new("pb-import");
    private StandInRunFixture fixture = null!;

    public Task InitializeAsync()
    {
        fixture = new StandInRunFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await fixture.DisposeAsync();
        temp.Dispose();
    }

    /// <summary>The app's folder copied, so a test can change it and the import can never touch the fixture.</summary>
    private string CopyAppFolder()
    {
        var copy = temp.Combine("app");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(AppFolder))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    [Fact]
    public async Task The_apps_playbook_becomes_a_folder_in_order_that_says_what_it_left_out_and_runs_to_the_end()
    {
        var app = CopyAppFolder();
        var before = await File.ReadAllTextAsync(Path.Combine(app, "Notes-01.md"));

        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(fixture.Home, "playbooks", "import", Path.Combine(app, "playbooks.json"), "--name", "release notes", "--cwd", fixture.Repo, "--json");

        Assert.True(exit == 0, stderr + stdout);
        var result = JsonNode.Parse(stdout)!;
        var folder = Path.Combine(fixture.Repo, "playbooks", "release-notes");
        Assert.Equal(folder, (string)result["folder"]!);
        Assert.Equal(["01-Notes-01.md", "02-Notes-02.md"], result["documents"]!.AsArray().Select(d => Path.GetFileName((string)d!)));
        var notes = result["notCarried"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Contains(notes, n => n.StartsWith("opening a pull request when the run is done (into main)", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("the prompt: the app's agent picks its own task", StringComparison.Ordinal));
        Assert.Contains("worktree: 'autorun/release-notes'", await File.ReadAllTextAsync(Path.Combine(folder, "playbook.yaml")), StringComparison.Ordinal);
        Assert.StartsWith("CRITICAL: You must complete EXACTLY ONE task", await File.ReadAllTextAsync(Path.Combine(folder, "app-prompt.txt")), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(app, "Notes-01.md")));

        var run = await MaestroProcess.RunAsync(fixture.Home, "run", folder, "--agent", "claude-code", "--json", "--in-process", "--cwd", fixture.Repo);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stderr}\n{run.Stdout}");
        var summary = JsonNode.Parse(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1])!;
        Assert.Equal(("done", 4, 4), ((string)summary["outcome"]!, (int)summary["done"]!, (int)summary["total"]!));
        var ticked = Directory.EnumerateFiles(fixture.Repo + ".worktrees", "02-Notes-02.md", SearchOption.AllDirectories).Single();
        Assert.Equal("# Publish\n\n- [x] Proofread the notes\n- [x] Publish the notes\n", await File.ReadAllTextAsync(ticked));
    }

    [Fact]
    public async Task A_looping_playbook_keeps_its_loops_and_a_prompt_that_names_the_task()
    {
        var app = CopyAppFolder();

        var imported = await PlaybookImporter.ImportAsync(Path.Combine(app, "playbooks.json"), "Nightly tidy", null, null, fixture.Repo, CancellationToken.None);

        var config = PlaybookConfigReader.Read(await File.ReadAllTextAsync(Path.Combine(imported.Folder, "playbook.yaml")), "playbook.yaml");
        Assert.Equal(3, config.Loops);
        Assert.Equal("Work on {{task}} in {{CWD}} and tick its box.", config.Prompt);
        Assert.Empty(imported.NotCarried); // the one document resets, and a Maestro loop unchecks every box
        var loaded = await PlaybookLoader.LoadAsync(imported.Folder, CancellationToken.None);
        Assert.Equal(1, loaded.TotalTasks);
        Assert.False(File.Exists(Path.Combine(imported.Folder, "app-prompt.txt")));
    }

    [Fact]
    public async Task Each_way_the_import_cannot_go_on_is_named_and_leaves_nothing_behind()
    {
        var app = CopyAppFolder();
        var json = Path.Combine(app, "playbooks.json");

        var several = await Assert.ThrowsAsync<PlaybookInvalidException>(() => PlaybookImporter.ImportAsync(json, null, null, null, fixture.Repo, CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<PlaybookInvalidException>(() => PlaybookImporter.ImportAsync(json, "Weekly", null, null, fixture.Repo, CancellationToken.None));
        File.Delete(Path.Combine(app, "Notes-02.md"));
        var missing = await Assert.ThrowsAsync<PlaybookInvalidException>(() => PlaybookImporter.ImportAsync(json, "Release notes", null, null, fixture.Repo, CancellationToken.None));
        var broken = Path.Combine(app, "broken.json");
        await File.WriteAllTextAsync(broken, "{\n  \"name\": \"x\",\n  \"documents\": [ oops ]\n}\n");
        var malformed = await Assert.ThrowsAsync<PlaybookInvalidException>(() => PlaybookImporter.ImportAsync(broken, null, null, null, fixture.Repo, CancellationToken.None));
        var occupied = Path.Combine(fixture.Repo, "taken");
        Directory.CreateDirectory(occupied);
        await File.WriteAllTextAsync(Path.Combine(occupied, "keep.md"), "- [ ] mine\n");
        var notEmpty = await Assert.ThrowsAsync<PlaybookInvalidException>(() => PlaybookImporter.ImportAsync(json, "Nightly tidy", null, occupied, fixture.Repo, CancellationToken.None));

        Assert.Contains("holds 2 playbooks ('Release notes', 'Nightly tidy'): pick one with --name", several.Message, StringComparison.Ordinal);
        Assert.Contains("no playbook named 'Weekly'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("The document 'Notes-02' of the playbook was not found in", missing.Message, StringComparison.Ordinal);
        Assert.Contains("pass the app's Auto Run folder with --docs", missing.Message, StringComparison.Ordinal);
        Assert.Contains("line 3: not valid JSON", malformed.Message, StringComparison.Ordinal);
        Assert.Contains("already exists and is not empty", notEmpty.Message, StringComparison.Ordinal);
        Assert.Equal("- [ ] mine\n", await File.ReadAllTextAsync(Path.Combine(occupied, "keep.md")));
        Assert.False(Directory.Exists(Path.Combine(fixture.Repo, "playbooks")), "a failed import left a folder behind");
    }
}
