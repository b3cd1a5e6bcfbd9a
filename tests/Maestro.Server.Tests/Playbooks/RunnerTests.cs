using Maestro.Protocol;
using Maestro.Server.Playbooks.Documents;
using Maestro.TestSupport;
using Maestro.TestSupport.Playbooks;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Playbooks;

/// <summary>
/// The runner over the protocol, with the Claude Code STAND-IN script as the agent (fast, scripted by markers in
/// the task text). The real Claude Code CLI runs the same paths in <see cref="ClaudeCodePlaybookTests"/>.
/// </summary>
public sealed class RunnerTests : IAsyncLifetime
{
    private StandInRunFixture fixture = null!;

    public Task InitializeAsync()
    {
        fixture = new StandInRunFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task Every_task_of_every_document_is_done_in_order_in_its_own_session_and_only_the_boxes_change()
    {
        var first = fixture.Write("playbooks/release/01-build.md", "# Build\r\n\r\n- [ ] Compile\r\n  - [ ] Nested step\r\n\r\n```\r\n- [ ] not a task\r\n```\r\n");
        var second = fixture.Write("playbooks/release/02-ship.md", "- [x] Already done\n- [ ] Ship it\n");
        var before = (await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
        var (server, rpc, recorder) = await fixture.ConnectAsync("runner");
        await using var _ = server;
        using var __ = rpc;

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = Path.Combine(fixture.Repo, "playbooks", "release"), AgentId = "claude-code" });

        Assert.Equal(RunStatus.Done, run.Status);
        Assert.Equal(RunOutcome.Done, run.Outcome);
        Assert.Equal((4, 4, 0, 3), (run.Total, run.Done, run.Failed, run.TasksRun));
        Assert.Equal(3, run.SessionIds.Distinct().Count());
        Assert.Equal(fixture.Repo, run.Cwd);
        var events = recorder.For(run.Id);
        Assert.Equal(
            [RunProgressKind.TaskStarted, RunProgressKind.TaskDone, RunProgressKind.TaskStarted, RunProgressKind.TaskDone, RunProgressKind.TaskStarted, RunProgressKind.TaskDone, RunProgressKind.Finished],
            events.Select(e => e.Event));
        Assert.Equal(["Compile", "Nested step", "Ship it"], events.Where(e => e.Event == RunProgressKind.TaskStarted).Select(e => e.Task!.Text));

        // Only the three marks changed: the sed of the agent rewrote the file, but every other byte is as it was.
        AssertOnlyMarksChanged(before.Item1, await File.ReadAllBytesAsync(first), 2);
        AssertOnlyMarksChanged(before.Item2, await File.ReadAllBytesAsync(second), 1);

        // Each task's session stays in history, linked to the run.
        var session = await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = run.SessionIds[0] });
        Assert.Contains("Compile", session.Name, StringComparison.Ordinal);
        var history = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = run.SessionIds[0] });
        Assert.Contains(history.Events, e => e.Event is PromptEvent p && p.Text.Contains("Your task (line 3 of the document): Compile", StringComparison.Ordinal));
        var listed = await rpc.InvokeWithParameterObjectAsync<RunsListResult>(Methods.RunsList, new RunsListParams { Status = RunStatus.Done });
        Assert.Contains(listed.Runs, r => r.Id == run.Id);
    }

    [Fact]
    public async Task A_task_left_unchecked_is_retried_then_fails_the_run_and_later_tasks_wait()
    {
        var doc = fixture.Write("p.md", "- [ ] First\n- [ ] Second (leave)\n- [ ] Third\n");
        var (server, rpc, recorder) = await fixture.ConnectAsync("runner");
        await using var _ = server;
        using var __ = rpc;

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(RunOutcome.TaskFailed, run.Outcome);
        Assert.Equal((1, 1), (run.Done, run.Failed));
        Assert.Equal(3, run.SessionIds.Count); // First, then Second twice (one retry by default)
        var failed = recorder.For(run.Id).Single(e => e.Event == RunProgressKind.TaskFailed);
        Assert.Contains("still unchecked", failed.Message, StringComparison.Ordinal);
        Assert.Equal(2, recorder.For(run.Id).Count(e => e.Event == RunProgressKind.TaskStarted && e.Task!.Text == "Second (leave)"));
        Assert.Equal("- [x] First\n- [ ] Second (leave)\n- [ ] Third\n", await File.ReadAllTextAsync(doc));
    }

    [Fact]
    public async Task With_continue_the_run_goes_on_after_a_failed_task_and_a_flaky_one_passes_on_retry()
    {
        var doc = fixture.Write("p.md", "---\nonTaskFailure: continue\nretries: 2\n---\n- [ ] Flaky (flaky)\n- [ ] Never (leave)\n- [ ] Last\n");
        var (server, rpc, recorder) = await fixture.ConnectAsync("runner");
        await using var _ = server;
        using var __ = rpc;

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });

        Assert.Equal(RunOutcome.TaskFailed, run.Outcome);
        Assert.Equal((2, 1), (run.Done, run.Failed));
        Assert.Equal(2 + 3 + 1, run.SessionIds.Count);
        Assert.Contains("Never (leave)", run.Reason, StringComparison.Ordinal);
        Assert.EndsWith("- [x] Flaky (flaky)\n- [ ] Never (leave)\n- [x] Last\n", await File.ReadAllTextAsync(doc), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_that_checks_another_task_is_reported_and_its_own_task_is_retried()
    {
        var doc = fixture.Write("p.md", "- [ ] Mine (wrong)\n- [ ] Other\n");
        var (server, rpc, recorder) = await fixture.ConnectAsync("runner");
        await using var _ = server;
        using var __ = rpc;

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });

        Assert.Equal(RunOutcome.TaskFailed, run.Outcome);
        var failed = recorder.For(run.Id).Single(e => e.Event == RunProgressKind.TaskFailed);
        Assert.Contains("Also checked off during this task, and not given to the agent: 'Other'", failed.Message, StringComparison.Ordinal);
        Assert.Equal("- [ ] Mine (wrong)\n- [x] Other\n", await File.ReadAllTextAsync(doc)); // reported, never undone
    }

    [Fact]
    public async Task An_agent_that_rewrites_the_document_fails_the_task_and_the_file_is_left_as_it_wrote_it()
    {
        var doc = fixture.Write("p.md", "- [ ] Tidy up (rewrite)\n- [ ] Next\n");
        var (server, rpc, recorder) = await fixture.ConnectAsync("runner");
        await using var _ = server;
        using var __ = rpc;

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Single(run.SessionIds); // no retry: the task is gone
        Assert.Contains("is no longer in", recorder.For(run.Id).Single(e => e.Event == RunProgressKind.TaskFailed).Message, StringComparison.Ordinal);
        Assert.Equal("# Rewritten by the agent\n\nAll done, trust me.\n", await File.ReadAllTextAsync(doc));
    }

    [Fact]
    public async Task A_document_edited_during_the_run_is_read_again_and_new_tasks_run_too()
    {
        var doc = fixture.Write("p.md", "# Work\n- [ ] Edit (user-edit)\n- [ ] Then this\n");
        var (server, rpc, recorder) = await fixture.ConnectAsync("runner");
        await using var _ = server;
        using var __ = rpc;

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });

        Assert.Equal(RunOutcome.Done, run.Outcome);
        Assert.Equal("Intro added by the user.\n# Work\n- [x] Edit (user-edit)\n- [x] Then this\n- [x] Added by the user\n", await File.ReadAllTextAsync(doc));
        Assert.Equal(4, recorder.For(run.Id).Single(e => e.Event == RunProgressKind.TaskStarted && e.Task!.Text == "Then this").Task!.Line);
    }

    [Fact]
    public async Task Loops_reset_the_boxes_one_byte_each_and_run_again()
    {
        var text = "---\r\nloops: 3\r\n---\r\n- [ ] A\r\n   - [X] B\r\n";
        var doc = fixture.Write("p.md", text);
        var (server, rpc, recorder) = await fixture.ConnectAsync("runner");
        await using var _ = server;
        using var __ = rpc;

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });

        Assert.Equal(RunOutcome.Done, run.Outcome);
        Assert.Equal((3, 3), (run.Loop, run.Loops));
        Assert.Equal(2, recorder.For(run.Id).Count(e => e.Event == RunProgressKind.LoopStarted));
        Assert.Equal(1 + 2 + 2, run.TasksRun); // B was checked at the start, so loop 1 ran only A
        Assert.Equal("---\r\nloops: 3\r\n---\r\n- [x] A\r\n   - [x] B\r\n", await File.ReadAllTextAsync(doc));
    }

    [Fact]
    public async Task The_task_and_cost_budgets_stop_the_run_cleanly()
    {
        var tasks = fixture.Write("tasks.md", "- [ ] One\n- [ ] Two\n- [ ] Three\n");
        var costly = fixture.Write("costly.md", "- [ ] One (costly)\n- [ ] Two (costly)\n");
        var (server, rpc, recorder) = await fixture.ConnectAsync("runner");
        await using var _ = server;
        using var __ = rpc;

        var byTasks = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = tasks, AgentId = "claude-code", Budget = new RunBudget { MaxTasks = 2 } });
        var byCost = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = costly, AgentId = "claude-code", Budget = new RunBudget { MaxCostUsd = 0.5m } });

        Assert.Equal((RunStatus.Stopped, RunOutcome.BudgetExceeded, 2), (byTasks.Status, byTasks.Outcome, byTasks.Done));
        Assert.Contains("budget of 2 task(s)", byTasks.Reason, StringComparison.Ordinal);
        Assert.Equal("- [x] One\n- [x] Two\n- [ ] Three\n", await File.ReadAllTextAsync(tasks));
        Assert.Equal((RunOutcome.BudgetExceeded, 1), (byCost.Outcome, byCost.Done));
        Assert.Equal(1.0m, byCost.Usage.CostUsd);
    }

    [Fact]
    public async Task The_per_task_time_limit_stops_a_slow_attempt_which_is_retried_and_the_run_goes_on()
    {
        var doc = fixture.Write("slow.md", "---\nretries: 1\nonTaskFailure: continue\n---\n- [ ] Slow at first (slow-once)\n- [ ] Always slow (slow)\n- [ ] After\n");
        var (server, rpc, recorder) = await fixture.ConnectAsync("runner");
        await using var _ = server;
        using var __ = rpc;

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = doc, AgentId = "claude-code", Budget = new RunBudget { MaxTaskMinutes = 0.02 } });

        // The run's own time budget is not spent: it goes on past the task that never finishes in time.
        Assert.Equal((RunOutcome.TaskFailed, 2, 1), (run.Outcome, run.Done, run.Failed));
        var events = recorder.For(run.Id);
        var retry = events.First(e => e.Event == RunProgressKind.TaskStarted && e.Task!.Text.StartsWith("Slow at first", StringComparison.Ordinal) && e.Task.Attempt == 2);
        Assert.Contains("took longer than budget.maxTaskMinutes (0.02 minute(s))", retry.Message, StringComparison.Ordinal);
        var failed = Assert.Single(events, e => e.Event == RunProgressKind.TaskFailed);
        Assert.Equal("Always slow (slow)", failed.Task!.Text);
        Assert.Contains("budget.maxTaskMinutes", failed.Message, StringComparison.Ordinal);
        Assert.Equal("---\nretries: 1\nonTaskFailure: continue\n---\n- [x] Slow at first (slow-once)\n- [ ] Always slow (slow)\n- [x] After\n", await File.ReadAllTextAsync(doc));
    }

    [Fact]
    public async Task A_task_whose_every_attempt_changes_nothing_is_reported_stalled_with_its_session()
    {
        var doc = fixture.Write("stall.md", "---\nretries: 1\n---\n- [ ] Never done (leave)\n");
        var (server, rpc, recorder) = await fixture.ConnectAsync("runner");
        await using var _ = server;
        using var __ = rpc;

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });

        Assert.Equal(RunOutcome.TaskFailed, run.Outcome);
        var failed = Assert.Single(recorder.For(run.Id), e => e.Event == RunProgressKind.TaskFailed);
        Assert.StartsWith("Stalled: all 2 attempts made no progress (the box stayed unchecked and no file changed).", failed.Message, StringComparison.Ordinal);
        Assert.EndsWith($"maestro sessions show {run.SessionIds[^1]}.", failed.Message, StringComparison.Ordinal);
        Assert.Contains("Stalled", run.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_kills_the_current_agent_and_the_run_ends_stopped()
    {
        var doc = fixture.Write("p.md", "- [ ] Forever (slow)\n");
        var (server, rpc, recorder) = await fixture.ConnectAsync("runner");
        await using var _ = server;
        using var __ = rpc;
        var run = await rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });
        await Wait.UntilAsync(() => recorder.For(run.Id).Any(e => e.Event == RunProgressKind.TaskStarted), what: "the task to start");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await rpc.InvokeWithParameterObjectAsync<object?>(Methods.RunsStop, new RunIdParams { RunId = run.Id });

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "stop waited for the agent instead of killing it");
        var stopped = await rpc.InvokeWithParameterObjectAsync<Run>(Methods.RunsGet, new RunIdParams { RunId = run.Id });
        Assert.Equal((RunStatus.Stopped, RunOutcome.Stopped), (stopped.Status, stopped.Outcome));
        Assert.NotNull(stopped.EndedAt);
        Assert.Equal("- [ ] Forever (slow)\n", await File.ReadAllTextAsync(doc));
        Assert.True(recorder.Finished(run.Id));
    }

    [Fact]
    public async Task A_run_interrupted_by_a_restart_resumes_at_its_task_without_redoing_done_ones()
    {
        var doc = fixture.Write("p.md", "- [ ] Done before the restart\n- [ ] Interrupted (slow-once)\n- [ ] After\n");
        string runId;
        var (server, rpc, recorder) = await fixture.ConnectAsync("runner");
        await using (server)
        {
            using (rpc)
            {
                runId = (await rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = doc, AgentId = "claude-code" })).Id;
                await Wait.UntilAsync(() => recorder.For(runId).Any(e => e.Event == RunProgressKind.TaskStarted && e.Task!.Text.StartsWith("Interrupted", StringComparison.Ordinal)), what: "the slow task to start");
                await Wait.UntilAsync(() => File.Exists(doc + ".2.tried"), what: "the stand-in to be inside the slow task"); // its marker
            }
        }

        var (restarted, rpc2, recorder2) = await fixture.ConnectAsync("runner");
        await using var _ = restarted;
        using var __ = rpc2;
        await Wait.UntilAsync(() => recorder2.Finished(runId), TimeSpan.FromSeconds(60), "the resumed run to finish");

        var run = await rpc2.InvokeWithParameterObjectAsync<Run>(Methods.RunsGet, new RunIdParams { RunId = runId });
        Assert.Equal(RunOutcome.Done, run.Outcome);
        Assert.Equal(["Interrupted (slow-once)", "After"], recorder2.For(runId).Where(e => e.Event == RunProgressKind.TaskStarted).Select(e => e.Task!.Text));
        Assert.Equal(4, run.SessionIds.Count);
        Assert.Equal("- [x] Done before the restart\n- [x] Interrupted (slow-once)\n- [x] After\n", await File.ReadAllTextAsync(doc));
    }

    [Fact]
    public async Task Bad_requests_get_typed_errors_and_touch_nothing()
    {
        var noTasks = fixture.Write("empty.md", "# Nothing to do\n```\n- [ ] code\n```\n");
        var good = fixture.Write("good.md", "- [ ] T\n");
        var (server, rpc, _) = await fixture.ConnectAsync("runner");
        await using var _s = server;
        using var _r = rpc;

        async Task<RemoteRpcException> Fails(PlaybookRunParams p) => await Assert.ThrowsAnyAsync<RemoteRpcException>(() => rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, p));

        var missing = await Fails(new PlaybookRunParams { Path = Path.Combine(fixture.Repo, "nope"), AgentId = "claude-code" });
        Assert.Equal(ErrorCodes.PlaybookInvalid, Code(missing));
        var empty = await Fails(new PlaybookRunParams { Path = noTasks, AgentId = "claude-code" });
        Assert.Equal(ErrorCodes.PlaybookInvalid, Code(empty));
        Assert.Contains("has no tasks", empty.Message, StringComparison.Ordinal);
        var unknown = await Fails(new PlaybookRunParams { Path = good, AgentId = "no-such-agent" });
        Assert.Equal(ErrorCodes.AgentUnavailable, Code(unknown));
        var loops = await Fails(new PlaybookRunParams { Path = good, AgentId = "claude-code", Loops = 0 });
        Assert.Equal(ErrorCodes.InvalidParams, Code(loops));
        var notFound = await Assert.ThrowsAnyAsync<RemoteRpcException>(() => rpc.InvokeWithParameterObjectAsync<Run>(Methods.RunsGet, new RunIdParams { RunId = "r_nope" }));
        Assert.Equal(ErrorCodes.InvalidParams, Code(notFound));
        Assert.Equal("- [ ] T\n", await File.ReadAllTextAsync(good));
    }

    [Fact]
    public async Task Two_runs_of_one_playbook_at_once_are_refused_but_worktree_runs_proceed_side_by_side()
    {
        fixture.Write("playbooks/pb/01.md", "- [ ] One (slow-once)\n- [ ] Two\n");
        fixture.Git("add", ".");
        fixture.Git("commit", "-q", "-m", "playbook");
        var path = Path.Combine(fixture.Repo, "playbooks", "pb");
        var (server, rpc, recorder) = await fixture.ConnectAsync("runner");
        await using var _ = server;
        using var __ = rpc;

        var a = await rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = path, AgentId = "claude-code", Worktree = new WorktreeRequest { Branch = "auto/a" } });
        var b = await rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = path, AgentId = "claude-code", Worktree = new WorktreeRequest { Branch = "auto/b" } });
        await Wait.UntilAsync(() => File.Exists(Path.Combine(a.Playbook, "01.md.1.tried")) && File.Exists(Path.Combine(b.Playbook, "01.md.1.tried")), what: "both runs' agents to be inside their first task");
        var busy = await Assert.ThrowsAsync<RemoteInvocationException>(() => rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = a.Playbook, AgentId = "claude-code" }));
        Assert.Equal(ErrorCodes.Busy, busy.ErrorCode);

        // Both are slow on their first task (each worktree has its own marker): stop one, the other goes on.
        await rpc.InvokeWithParameterObjectAsync<object?>(Methods.RunsStop, new RunIdParams { RunId = a.Id });
        await rpc.InvokeWithParameterObjectAsync<object?>(Methods.RunsStop, new RunIdParams { RunId = b.Id });
        Assert.NotEqual(a.Worktree, b.Worktree);
        Assert.Equal(("auto/a", "auto/b"), (a.Branch, b.Branch));
        Assert.Equal(Path.Combine(a.Worktree!, "playbooks", "pb"), a.Playbook);
        Assert.Equal(a.Worktree, a.Cwd);
        Assert.Equal("- [ ] One (slow-once)\n- [ ] Two\n", await File.ReadAllTextAsync(Path.Combine(path, "01.md")));

        var again = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = a.Playbook, AgentId = "claude-code" });
        Assert.Equal(RunOutcome.Done, again.Outcome);
        Assert.Equal("- [x] One (slow-once)\n- [x] Two\n", await File.ReadAllTextAsync(Path.Combine(a.Playbook, "01.md")));
        Assert.Equal("- [ ] One (slow-once)\n- [ ] Two\n", await File.ReadAllTextAsync(Path.Combine(b.Playbook, "01.md")));
        Assert.Equal("auto/a\n", fixture.Git("-C", a.Worktree!, "branch", "--show-current"));
    }

    [Fact]
    public async Task Playbooks_are_listed_with_their_counts_and_errors()
    {
        fixture.Write("playbooks/good/01.md", "- [x] A\n- [ ] B\n");
        fixture.Write("playbooks/bad.md", "---\nloops: nope\n---\n- [ ] T\n");
        var (server, rpc, _) = await fixture.ConnectAsync("runner");
        await using var _s = server;
        using var _r = rpc;

        var list = await rpc.InvokeWithParameterObjectAsync<PlaybooksListResult>(Methods.PlaybooksList, new PlaybooksListParams { Cwd = fixture.Repo });

        var good = list.Playbooks.Single(p => p.Name == "good");
        Assert.Equal((2, 1), (good.Documents[0].Total, good.Documents[0].Done));
        Assert.Null(good.Error);
        var bad = list.Playbooks.Single(p => p.Name == "bad");
        Assert.Contains("line 2", bad.Error, StringComparison.Ordinal);
    }

    private static int Code(RemoteRpcException e) => e is RemoteInvocationException invocation ? invocation.ErrorCode : (int)e.ErrorCode!;

    private static void AssertOnlyMarksChanged(byte[] before, byte[] after, int expected)
    {
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        Assert.Equal(expected, changed.Count);
        var marks = TaskListParser.Parse(before).Tasks.Select(t => (int)t.MarkOffset).ToHashSet();
        Assert.All(changed, i => Assert.Contains(i, marks));
        Assert.All(changed, i => Assert.Equal((byte)'x', after[i]));
    }
}
