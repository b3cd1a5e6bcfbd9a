using System.Text.Json.Nodes;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Playbooks;

/// <summary>
/// <c>maestro run</c> as a real process with the Claude Code STAND-IN script as the agent: handed to the daemon it
/// starts (the default), and inside its own process (<c>--in-process</c>); <c>maestro runs</c> against that daemon.
/// </summary>
public sealed class RunCommandTests : IAsyncLifetime
{
    private StandInRunFixture fixture = null!;

    public Task InitializeAsync()
    {
        fixture = new StandInRunFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await MaestroProcess.RunAsync(fixture.Home, "daemon", "--stop");
        await fixture.DisposeAsync();
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
        => MaestroProcess.RunAsync(fixture.Home, ["run", .. args, "--cwd", fixture.Repo]);

    private static List<JsonObject> Lines(string stdout)
        => stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Json_lines_carry_the_progress_events_then_a_summary_and_exit_0_when_every_task_is_done(bool inProcess)
    {
        var doc = fixture.Write("pb.md", "- [ ] One\n- [ ] Two\n- [ ] Three\n");

        var (exit, stdout, stderr) = await RunAsync([doc, "--agent", "claude-code", "--json", .. inProcess ? new[] { "--in-process" } : []]);

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
        await using (var killed = MaestroProcess.Start(fixture.Home, "run", doc, "--agent", "claude-code", "--json", "--in-process", "--cwd", fixture.Repo))
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

        var (exit, stdout, stderr) = await RunAsync(doc, "--agent", "claude-code", "--json", "--in-process");

        Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
        var resumed = Lines(stdout);
        Assert.Equal(firstRunId, (string)resumed[^1]["runId"]!);
        Assert.Equal(["Second (slow-once)", "Third"], resumed.Where(l => (string)l["event"]! == "taskStarted").Select(l => (string)l["task"]!["text"]!));
        Assert.Equal("- [x] First\n- [x] Second (slow-once)\n- [x] Third\n", await File.ReadAllTextAsync(doc));
    }

    [Fact]
    public async Task Worktree_placeholders_name_the_branch_and_an_existing_branch_is_gone_on_with_in_its_worktree()
    {
        var doc = fixture.Write("playbooks/nightly.md", "- [ ] One\n- [ ] Two\n");
        fixture.Git("add", ".");
        fixture.Git("commit", "-q", "-m", "playbook");

        // {date} and {run}: a branch per day and per run.
        var (exit, stdout, stderr) = await RunAsync(doc, "--agent", "claude-code", "--json", "--worktree", "auto/{date}-{run}");
        Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
        var first = Lines(stdout);
        var runId = (string)first[^1]["runId"]!;
        var branch = (string)first[0]["run"]!["branch"]!;
        Assert.Equal($"auto/{DateTime.Now:yyyy-MM-dd}-{runId}", branch);
        Assert.Equal(branch + "\n", fixture.Git("-C", (string)first[0]["run"]!["worktree"]!, "branch", "--show-current"));

        // An existing branch without a worktree: checked out in one, from where it is (not from HEAD).
        fixture.Git("branch", "nightly");
        fixture.Write("playbooks/nightly.md", "- [x] One\n- [ ] Two\n"); // HEAD's copy changes; the branch's does not
        fixture.Git("commit", "-qam", "one done on main");
        (exit, stdout, stderr) = await RunAsync(doc, "--agent", "claude-code", "--json", "--worktree", "nightly");
        Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
        var second = Lines(stdout);
        var worktree = (string)second[0]["run"]!["worktree"]!;
        Assert.Equal(["One", "Two"], second.Where(l => (string)l["event"]! == "taskStarted").Select(l => (string)l["task"]!["text"]!));
        Assert.Equal("- [x] One\n- [x] Two\n", await File.ReadAllTextAsync(Path.Combine(worktree, "playbooks", "nightly.md")));

        // The same branch again: the run goes on in that worktree, where every box is ticked already.
        (exit, stdout, stderr) = await RunAsync(doc, "--agent", "claude-code", "--json", "--worktree", "nightly");
        Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
        var third = Lines(stdout);
        Assert.Equal(worktree, (string)third[0]["run"]!["worktree"]!);
        Assert.Equal((0, 2), ((int)third[^1]["tasksRun"]!, (int)third[^1]["done"]!));

        // An unknown placeholder is refused before anything is made, naming the ones there are.
        (exit, stdout, _) = await RunAsync(doc, "--agent", "claude-code", "--json", "--worktree", "auto/{user}");
        Assert.Equal(2, exit);
        Assert.Contains("{date} and {run}", (string)Lines(stdout)[^1]["message"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ctrl_c_stops_the_run_and_the_next_maestro_run_continues_it_with_its_budget_counted_on(bool inProcess)
    {
        var doc = fixture.Write("pb.md", "- [ ] First\n- [ ] Second (slow-once)\n- [ ] Third\n");
        string[] mode = inProcess ? ["--in-process"] : [];
        string runId;
        await using (var cli = MaestroProcess.StartInterruptible(fixture.Home, ["run", doc, "--agent", "claude-code", "--json", "--max-tasks", "3", "--cwd", fixture.Repo, .. mode]))
        {
            cli.Process.StandardInput.Close();
            var lines = new List<JsonObject>();
            while (!lines.Any(l => (string?)l["event"] == "taskStarted" && ((string?)l["task"]?["text"])?.StartsWith("Second", StringComparison.Ordinal) == true))
            {
                var line = await cli.Process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("maestro run ended early: " + cli.Stderr);
                lines.Add(JsonNode.Parse(line)!.AsObject());
            }

            await Wait.UntilAsync(() => File.Exists(doc + ".2.tried"), what: "the stand-in to be inside task Second");
            await cli.InterruptAsync();

            Assert.Equal(14, await cli.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            var summary = Lines(await cli.Process.StandardOutput.ReadToEndAsync())[^1];
            runId = (string)summary["runId"]!;
            Assert.Equal(("stopped", 2, true), ((string)summary["outcome"]!, (int)summary["tasksRun"]!, (bool)summary["continues"]!));
        }

        // The same command again continues that run: Second again, then the budget of 3 tasks, counted from the first
        // command on, is spent before Third. A new run would have done both.
        var (exit, stdout, stderr) = await RunAsync([doc, "--agent", "claude-code", "--json", "--max-tasks", "3", .. mode]);

        Assert.True(exit == 11, $"exit {exit}: {stderr}\n{stdout}");
        var continued = Lines(stdout);
        Assert.Equal(runId, (string)continued[^1]["runId"]!);
        Assert.Equal(["Second (slow-once)"], continued.Where(l => (string)l["event"]! == "taskStarted").Select(l => (string)l["task"]!["text"]!));
        Assert.Equal(("budgetExceeded", 3), ((string)continued[^1]["outcome"]!, (int)continued[^1]["tasksRun"]!));
        Assert.Null(continued[^1]["continues"]);
        Assert.Equal("- [x] First\n- [x] Second (slow-once)\n- [ ] Third\n", await File.ReadAllTextAsync(doc));

        // That run ended on its budget, not on a Ctrl-C: the next command starts a new one.
        (exit, stdout, stderr) = await RunAsync([doc, "--agent", "claude-code", "--json", .. mode]);
        Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
        Assert.NotEqual(runId, (string)Lines(stdout)[^1]["runId"]!);
    }

    [Fact]
    public async Task A_run_handed_to_the_daemon_is_live_in_a_second_client_and_stopped_from_there_the_cli_exits_14()
    {
        var doc = fixture.Write("slow.md", "- [ ] First\n- [ ] Second (slow)\n- [ ] Third\n");
        await using var cli = MaestroProcess.Start(fixture.Home, "run", doc, "--agent", "claude-code", "--json", "--cwd", fixture.Repo);
        cli.Process.StandardInput.Close();
        var lines = new List<JsonObject>();
        while (!lines.Any(l => (string?)l["event"] == "taskStarted" && ((string?)l["task"]?["text"])?.StartsWith("Second", StringComparison.Ordinal) == true))
        {
            var line = await cli.Process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("maestro run ended early: " + cli.Stderr);
            lines.Add(JsonNode.Parse(line)!.AsObject());
        }

        var runId = (string)lines[0]["run"]!["id"]!;
        var (listExit, listed, listErr) = await MaestroProcess.RunAsync(fixture.Home, "runs", "list");
        Assert.True(listExit == 0, listErr);
        Assert.Matches($@"{runId}\s+running\s+1/3\s+claude-code", listed);
        var (showExit, shown, _) = await MaestroProcess.RunAsync(fixture.Home, "runs", "show", runId);
        Assert.Equal(0, showExit);
        Assert.Contains("Task      slow.md:2 Second (slow)", shown, StringComparison.Ordinal);

        var (stopExit, stopped, stopErr) = await MaestroProcess.RunAsync(fixture.Home, "runs", "stop", runId, "--json");

        Assert.True(stopExit == 0, stopErr);
        Assert.Equal("stopped", (string)JsonNode.Parse(stopped)!["status"]!);
        Assert.Equal(14, await cli.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var rest = Lines(await cli.Process.StandardOutput.ReadToEndAsync());
        Assert.Equal(("stopped", 14), ((string)rest[^1]["outcome"]!, (int)rest[^1]["exitCode"]!));
        Assert.Equal("- [x] First\n- [ ] Second (slow)\n- [ ] Third\n", await File.ReadAllTextAsync(doc));
    }

    [Fact]
    public async Task A_gate_shows_in_runs_list_and_show_and_runs_approve_lets_the_cli_run_finish()
    {
        var doc = fixture.Write("gated.md", "- [ ] Draft\n<!-- MAESTRO:HITL reason=\"Read the draft\" artifact=\"DRAFT.md\" -->\n- [ ] Approve the draft\n- [ ] Publish\n");
        await using var cli = MaestroProcess.Start(fixture.Home, "run", doc, "--agent", "claude-code", "--cwd", fixture.Repo);
        cli.Process.StandardInput.Close();
        string? runId = null;
        await Wait.UntilAsync(async () =>
        {
            var (_, json, _) = await MaestroProcess.RunAsync(fixture.Home, "runs", "list", "--status", "waiting", "--json");
            runId = JsonNode.Parse(json)?["runs"]?.AsArray().FirstOrDefault()?["id"]?.GetValue<string>();
            return runId is not null;
        }, TimeSpan.FromSeconds(60), "the run to wait at its gate");

        var (_, listed, _) = await MaestroProcess.RunAsync(fixture.Home, "runs", "list");
        var (_, shown, _) = await MaestroProcess.RunAsync(fixture.Home, "runs", "show", runId!);
        var (approveExit, approved, approveErr) = await MaestroProcess.RunAsync(fixture.Home, "runs", "approve", runId!);

        Assert.Matches($@"{runId}\s+needs approval\s+1/3", listed);
        Assert.Contains("Gate      Read the draft (look at DRAFT.md)", shown, StringComparison.Ordinal);
        Assert.Contains($"approve with 'maestro runs approve {runId}' or tick gated.md:3 Approve the draft", shown, StringComparison.Ordinal);
        Assert.True(approveExit == 0, approveErr);
        Assert.Contains("Approved: ticked 'Approve the draft' (gated.md:3)", approved, StringComparison.Ordinal);
        Assert.Equal(0, await cli.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("- [x] Draft\n<!-- MAESTRO:HITL reason=\"Read the draft\" artifact=\"DRAFT.md\" -->\n- [x] Approve the draft\n- [x] Publish\n", await File.ReadAllTextAsync(doc));
    }

    [Fact]
    public async Task Runs_show_of_an_unknown_run_says_so_and_list_is_empty_on_a_fresh_home()
    {
        var (listExit, listed, listErr) = await MaestroProcess.RunAsync(fixture.Home, "runs", "list");
        var (showExit, _, showErr) = await MaestroProcess.RunAsync(fixture.Home, "runs", "show", "r_nope");

        Assert.Equal(0, listExit);
        Assert.Equal(string.Empty, listed);
        Assert.Contains("No runs.", listErr, StringComparison.Ordinal);
        Assert.Equal(1, showExit);
        Assert.Contains("r_nope", showErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_lists_the_tasks_and_gates_without_an_agent_and_exits_12_on_a_stale_halt_marker()
    {
        var text = "- [x] Done before\n- [ ] Next\n\n<!-- MAESTRO:HITL reason=\"Read the plan\" -->\n- [ ] Approve the plan\n";
        var doc = fixture.Write("plans/dry.md", text);

        // A relative playbook path is found under --cwd when the current folder does not hold it.
        var (exit, stdout, stderr) = await RunAsync(Path.Combine("plans", "dry.md"), "--agent", "claude-code", "--dry-run", "--json");

        Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
        var line = Assert.Single(Lines(stdout));
        Assert.Equal(("dryRun", doc, "claude-code", 3, 1), ((string)line["event"]!, (string)line["playbook"]!, (string)line["agentId"]!, (int)line["total"]!, (int)line["done"]!));
        var tasks = line["tasks"]!.AsArray();
        Assert.Equal(["Done before", "Next", "Approve the plan"], tasks.Select(t => (string)t!["text"]!));
        Assert.Equal([null, null, "Read the plan"], tasks.Select(t => (string?)t!["gate"]));
        Assert.Equal(text, await File.ReadAllTextAsync(doc)); // no agent touched it
        Assert.Empty(Directory.EnumerateFiles(fixture.Repo, "*.tried", SearchOption.AllDirectories));

        var (plainExit, plain, _) = await RunAsync(doc, "--agent", "claude-code", "--dry-run");
        Assert.Equal(0, plainExit);
        Assert.Contains("(waits for a person first: Read the plan)", plain, StringComparison.Ordinal);
        Assert.Contains("1 of 3 tasks done, 2 to run. Nothing was started (--dry-run).", plain, StringComparison.Ordinal);

        var halted = fixture.Write("halted.md", "- [ ] One\n<!-- maestro:halt: the key expired -->\n");
        var (haltExit, haltOut, _) = await RunAsync(halted, "--agent", "claude-code", "--dry-run", "--json");
        Assert.Equal(12, haltExit);
        var error = Assert.Single(Lines(haltOut));
        Assert.Equal("error", (string)error["event"]!);
        Assert.Contains(halted + ":2:", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reset_unchecks_every_box_first_so_a_scheduled_run_does_every_task_again(bool inProcess)
    {
        var doc = fixture.Write("nightly.md", "- [x] Sweep\n- [X] Report\n");

        var (exit, stdout, stderr) = await RunAsync([doc, "--agent", "claude-code", "--reset", "--json", .. inProcess ? new[] { "--in-process" } : []]);

        Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
        var lines = Lines(stdout);
        Assert.Equal(["loopStarted", "taskStarted", "taskDone", "taskStarted", "taskDone", "finished", "summary"], lines.Select(l => (string)l["event"]!));
        Assert.Equal(2, (int)lines[^1]["done"]!);
        Assert.Equal("- [x] Sweep\n- [x] Report\n", await File.ReadAllTextAsync(doc));
    }
}
