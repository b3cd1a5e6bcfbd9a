using Maestro.Protocol;
using Maestro.TestSupport;
using Maestro.TestSupport.Playbooks;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Playbooks.Markers;

/// <summary>
/// Halt markers and HITL gates in a run over the protocol, with the Claude Code STAND-IN script as the agent (the real
/// CLI runs the same paths in <see cref="ClaudeCodeAnchorPlaybookTests"/>).
/// </summary>
public sealed class GateAndHaltRunnerTests : IAsyncLifetime
{
    private const string Gated = "- [ ] Write the notes\n\n<!-- MAESTRO:HITL reason=\"Read the notes\" artifact=\"NOTES.md\" -->\n- [ ] Approve the notes\n- [ ] Publish the notes\n";

    private StandInRunFixture fixture = null!;

    public Task InitializeAsync()
    {
        fixture = new StandInRunFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    private static async Task<RunProgressNotification> WaitingAtGateAsync(RunProgressRecorder recorder, string runId)
    {
        await Wait.UntilAsync(() => recorder.For(runId).Any(e => e.Event == RunProgressKind.Waiting && e.Run.Gate is not null), TimeSpan.FromSeconds(60), "the run to wait at the gate");
        return recorder.For(runId).First(e => e.Event == RunProgressKind.Waiting);
    }

    [Fact]
    public async Task A_gate_pauses_the_run_and_ticking_the_task_in_the_file_lets_it_go_on()
    {
        var doc = fixture.Write("gated.md", Gated);
        var (server, rpc, recorder) = await fixture.ConnectAsync("gates");
        await using var _ = server;
        using var __ = rpc;

        var started = await rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });
        var waiting = await WaitingAtGateAsync(recorder, started.Id);

        Assert.Equal((RunStatus.Waiting, "Read the notes", "NOTES.md", 3), (waiting.Run.Status, waiting.Run.Gate!.Reason, waiting.Run.Gate.Artifact, waiting.Run.Gate.MarkerLine));
        Assert.Equal(("Approve the notes", 4), (waiting.Task!.Text, waiting.Task.Line));
        var get = await rpc.InvokeWithParameterObjectAsync<Run>(Methods.RunsGet, new RunIdParams { RunId = started.Id });
        Assert.Equal(RunStatus.Waiting, get.Status);
        Assert.Equal(1, get.Done);
        Assert.Equal("- [x] Write the notes\n\n<!-- MAESTRO:HITL reason=\"Read the notes\" artifact=\"NOTES.md\" -->\n- [ ] Approve the notes\n- [ ] Publish the notes\n", await File.ReadAllTextAsync(doc));

        // The person ticks the box in their editor (a save that replaces the file).
        var ticked = (await File.ReadAllTextAsync(doc)).Replace("- [ ] Approve", "- [x] Approve", StringComparison.Ordinal);
        await File.WriteAllTextAsync(doc + ".tmp", ticked);
        File.Move(doc + ".tmp", doc, overwrite: true);

        await Wait.UntilAsync(() => recorder.Finished(started.Id), TimeSpan.FromSeconds(60), "the run to finish");
        var events = recorder.For(started.Id);
        Assert.Equal(
            [RunProgressKind.TaskStarted, RunProgressKind.TaskDone, RunProgressKind.Waiting, RunProgressKind.Resumed, RunProgressKind.TaskStarted, RunProgressKind.TaskDone, RunProgressKind.Finished],
            events.Select(e => e.Event));
        Assert.Equal((RunStatus.Done, RunOutcome.Done, 3, 2), (events[^1].Run.Status, events[^1].Run.Outcome, events[^1].Run.Done, events[^1].Run.TasksRun));
        Assert.Null(events[^1].Run.Gate);
    }

    [Fact]
    public async Task Runs_approve_ticks_the_gated_task_and_answers_the_run_going_on()
    {
        var doc = fixture.Write("approve.md", Gated);
        var (server, rpc, recorder) = await fixture.ConnectAsync("gates");
        await using var _ = server;
        using var __ = rpc;
        var started = await rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });
        await WaitingAtGateAsync(recorder, started.Id);

        var approved = await rpc.InvokeWithParameterObjectAsync<Run>(Methods.RunsApprove, new RunIdParams { RunId = started.Id });

        Assert.NotEqual(RunStatus.Waiting, approved.Status);
        Assert.Null(approved.Gate);
        Assert.Contains("- [x] Approve the notes\n", await File.ReadAllTextAsync(doc), StringComparison.Ordinal);
        await Wait.UntilAsync(() => recorder.Finished(started.Id), TimeSpan.FromSeconds(60), "the run to finish");
        Assert.Equal(RunOutcome.Done, recorder.For(started.Id)[^1].Run.Outcome);
        // -32602 surfaces as RemoteMethodNotFoundException in StreamJsonRpc: the code is what counts.
        var notWaiting = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => rpc.InvokeWithParameterObjectAsync<Run>(Methods.RunsApprove, new RunIdParams { RunId = started.Id }));
        Assert.Equal(ErrorCodes.InvalidParams, (int)notWaiting.ErrorCode);
        Assert.Contains("nothing to approve", notWaiting.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_stop_ends_a_run_waiting_at_a_gate()
    {
        var doc = fixture.Write("stop.md", "<!-- MAESTRO:HITL reason=\"Before anything\" -->\n- [ ] Approve\n- [ ] Work\n");
        var (server, rpc, recorder) = await fixture.ConnectAsync("gates");
        await using var _ = server;
        using var __ = rpc;
        var started = await rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });
        await WaitingAtGateAsync(recorder, started.Id);

        await rpc.InvokeWithParameterObjectAsync<object?>(Methods.RunsStop, new RunIdParams { RunId = started.Id });

        var run = await rpc.InvokeWithParameterObjectAsync<Run>(Methods.RunsGet, new RunIdParams { RunId = started.Id });
        Assert.Equal((RunStatus.Stopped, RunOutcome.Stopped, 0), (run.Status, run.Outcome, run.TasksRun));
        Assert.Equal("<!-- MAESTRO:HITL reason=\"Before anything\" -->\n- [ ] Approve\n- [ ] Work\n", await File.ReadAllTextAsync(doc));
    }

    [Fact]
    public async Task An_agent_written_halt_ends_the_run_halted_at_once_and_a_second_run_is_refused_naming_the_line()
    {
        var doc = fixture.Write("halt.md", "- [ ] Build (halt)\n- [ ] Deploy\n");
        var (server, rpc, recorder) = await fixture.ConnectAsync("gates");
        await using var _ = server;
        using var __ = rpc;

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });

        Assert.Equal((RunStatus.Stopped, RunOutcome.Halted, 1, 0), (run.Status, run.Outcome, run.TasksRun, run.Done));
        Assert.Contains("the stand-in was told to halt", run.Reason, StringComparison.Ordinal);
        Assert.Single(run.SessionIds); // no retry, no further task
        Assert.Equal([RunProgressKind.TaskStarted, RunProgressKind.Finished], recorder.For(run.Id).Select(e => e.Event));

        var refused = await Assert.ThrowsAsync<RemoteInvocationException>(() => rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = doc, AgentId = "claude-code" }));
        Assert.Equal(ErrorCodes.PlaybookInvalid, refused.ErrorCode);
        Assert.Contains(doc + ":4:", refused.Message, StringComparison.Ordinal);
        Assert.Contains("remove the line", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loops_uncheck_check_marks_and_the_apps_folder_is_listed_with_its_warnings()
    {
        var doc = fixture.Write(".maestro/playbooks/Loop.md", "---\nloops: 2\n---\n- [✓] Done in the app\n- [ ] Manually click through the release\n");
        var (server, rpc, recorder) = await fixture.ConnectAsync("gates");
        await using var _ = server;
        using var __ = rpc;

        var list = await rpc.InvokeWithParameterObjectAsync<PlaybooksListResult>(Methods.PlaybooksList, new PlaybooksListParams { Cwd = fixture.Repo });
        var found = list.Playbooks.Single(p => p.Path == doc);
        Assert.Equal((2, 1), (found.Documents[0].Total, found.Documents[0].Done));
        var warning = Assert.Single(found.Warnings!);
        Assert.Equal((doc, 5), (warning.Document, warning.Line));

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });

        Assert.Equal((RunOutcome.Done, 3), (run.Outcome, run.TasksRun)); // 1 task in loop 1, both in loop 2
        Assert.Equal("---\nloops: 2\n---\n- [x] Done in the app\n- [x] Manually click through the release\n", await File.ReadAllTextAsync(doc));
    }

    [Fact]
    public async Task A_model_marker_changes_the_model_of_the_tasks_it_governs()
    {
        var doc = fixture.Write("models.md", "---\nmodel: sonnet\n---\n- [ ] Plain\n<!-- MAESTRO:MODEL tier=\"low\" -->\n- [ ] Cheap\n- [ ] Deep <!-- MAESTRO:MODEL tier=\"high\" -->\n- [ ] Back to cheap\n");
        var (server, rpc, recorder) = await fixture.ConnectAsync("gates");
        await using var _ = server;
        using var __ = rpc;

        var run = await StandInRunFixture.RunToEndAsync(rpc, recorder, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });

        Assert.Equal(RunOutcome.Done, run.Outcome);
        var models = new List<string?>();
        foreach (var id in run.SessionIds)
        {
            models.Add((await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = id })).Model);
        }

        Assert.Equal(["sonnet", "haiku", "opus", "haiku"], models);
    }
}
