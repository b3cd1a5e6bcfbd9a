using System.Text.Json.Nodes;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Playbooks;

/// <summary><c>maestro run</c> as a real process, no daemon, with the Claude Code STAND-IN script as the agent.</summary>
public sealed class RunCommandTests : IAsyncLifetime
{
    private StandInRunFixture fixture = null!;

    public Task InitializeAsync()
    {
        fixture = new StandInRunFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
        => MaestroProcess.RunAsync(fixture.Home, ["run", .. args, "--cwd", fixture.Repo]);

    private static List<JsonObject> Lines(string stdout)
        => stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    [Fact]
    public async Task Json_lines_carry_the_progress_events_then_a_summary_and_exit_0_when_every_task_is_done()
    {
        var doc = fixture.Write("pb.md", "- [ ] One\n- [ ] Two\n- [ ] Three\n");

        var (exit, stdout, stderr) = await RunAsync(doc, "--agent", "claude-code", "--json");

        Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
        var lines = Lines(stdout);
        Assert.Equal(
            ["taskStarted", "taskDone", "taskStarted", "taskDone", "taskStarted", "taskDone", "finished", "summary"],
            lines.Select(l => (string)l["event"]!));
        var summary = lines[^1];
        Assert.Equal("done", (string)summary["outcome"]!);
        Assert.Equal(3, (int)summary["done"]!);
        Assert.Equal(0, (int)summary["exitCode"]!);
        Assert.Equal(3, summary["sessionIds"]!.AsArray().Count);
        Assert.Equal("- [x] One\n- [x] Two\n- [x] Three\n", await File.ReadAllTextAsync(doc));
    }

    [Fact]
    public async Task A_halt_exits_15_and_load_warnings_go_to_stderr_while_stdout_keeps_its_json_lines()
    {
        var doc = fixture.Write("warned.md", "- [ ] Visually verify the page\n- [ ] Build (halt)\n- [ ] Never\n");

        var (exit, stdout, stderr) = await RunAsync(doc, "--agent", "claude-code", "--json");

        Assert.True(exit == 15, $"exit {exit}: {stderr}\n{stdout}");
        Assert.Contains($"warning: {doc}:1: 'Visually verify the page' reads as a step only a person can do", stderr, StringComparison.Ordinal);
        var lines = Lines(stdout);
        Assert.Equal(["taskStarted", "taskDone", "taskStarted", "finished", "summary"], lines.Select(l => (string)l["event"]!));
        Assert.Equal(("halted", 15), ((string)lines[^1]["outcome"]!, (int)lines[^1]["exitCode"]!));
    }

    [Fact]
    public async Task Each_way_to_fail_has_its_own_exit_code_and_a_clear_message()
    {
        var leave = fixture.Write("leave.md", "- [ ] Not done (leave)\n");
        var budget = fixture.Write("budget.md", "- [ ] One\n- [ ] Two\n");
        var empty = fixture.Write("empty.md", "No tasks here.\n");
        var malformed = fixture.Write("bad.md", "---\nloops: [\n---\n- [ ] T\n");

        var failed = await RunAsync(leave, "--agent", "claude-code", "--json");
        var overBudget = await RunAsync(budget, "--agent", "claude-code", "--max-tasks", "1");
        var missing = await RunAsync(Path.Combine(fixture.Repo, "missing"), "--agent", "claude-code", "--json");
        var noTasks = await RunAsync(empty, "--agent", "claude-code");
        var badYaml = await RunAsync(malformed, "--agent", "claude-code");
        var unknownAgent = await RunAsync(budget, "--agent", "nobody", "--json");

        Assert.Equal(10, failed.ExitCode);
        Assert.Equal("taskFailed", (string)Lines(failed.Stdout)[^1]["outcome"]!);
        Assert.Equal(11, overBudget.ExitCode);
        Assert.Contains("budget of 1 task(s)", overBudget.Stdout, StringComparison.Ordinal);
        Assert.Equal(12, missing.ExitCode);
        Assert.Equal("PlaybookInvalid", (string)Lines(missing.Stdout).Single()["kind"]!);
        Assert.Equal(12, noTasks.ExitCode);
        Assert.Contains("has no tasks", noTasks.Stderr, StringComparison.Ordinal);
        Assert.Equal(12, badYaml.ExitCode);
        Assert.Contains("line 2", badYaml.Stderr, StringComparison.Ordinal);
        Assert.Equal(13, unknownAgent.ExitCode);
        Assert.Equal("- [x] One\n- [ ] Two\n", await File.ReadAllTextAsync(budget));
    }

    [Fact]
    public async Task A_killed_run_is_resumed_by_the_next_maestro_run_without_redoing_done_tasks()
    {
        var doc = fixture.Write("pb.md", "- [ ] First\n- [ ] Second (slow-once)\n- [ ] Third\n");
        string firstRunId;
        await using (var killed = MaestroProcess.Start(fixture.Home, "run", doc, "--agent", "claude-code", "--json", "--cwd", fixture.Repo))
        {
            killed.Process.StandardInput.Close();
            var lines = new List<JsonObject>();
            while (!lines.Any(l => (string?)l["event"] == "taskStarted" && ((string?)l["task"]?["text"])?.StartsWith("Second", StringComparison.Ordinal) == true))
            {
                var line = await killed.Process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("maestro run ended early: " + killed.Stderr);
                lines.Add(JsonNode.Parse(line)!.AsObject());
            }

            firstRunId = (string)lines[0]["run"]!["id"]!;
            await Wait.UntilAsync(() => File.Exists(doc + ".2.tried"), what: "the stand-in to be inside task Second"); // its marker
            killed.Process.Kill(entireProcessTree: true); // SIGKILL: no chance to clean up
            await killed.Process.WaitForExitAsync();
        }

        var (exit, stdout, stderr) = await RunAsync(doc, "--agent", "claude-code", "--json");

        Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
        var resumed = Lines(stdout);
        Assert.Equal(firstRunId, (string)resumed[^1]["runId"]!);
        Assert.Equal(["Second (slow-once)", "Third"], resumed.Where(l => (string)l["event"]! == "taskStarted").Select(l => (string)l["task"]!["text"]!));
        Assert.Equal("- [x] First\n- [x] Second (slow-once)\n- [x] Third\n", await File.ReadAllTextAsync(doc));
    }
}
