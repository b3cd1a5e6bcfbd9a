using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Tests.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;
using Maestro.TestSupport.Playbooks;
using Maestro.TestSupport.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Maestro.Server.Tests.Playbooks;

/// <summary>
/// A Playbook run with the real Claude Code CLI over a 529 storm: the task's turn is resent inside its session until
/// the model serves it, so the run finishes with no task failed and no task attempt spent. The clock is a
/// <see cref="FakeTimeProvider"/>, advanced each time the outage says it waits.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class ClaudeCodePlaybookOutageTests : RealClaudeTestBase
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));

    protected override string SandboxName => "claude-pb-outage";

    [Fact]
    public async Task A_run_over_a_529_storm_parks_and_finishes_with_no_task_failed()
    {
        var doc = await TwoTaskPlaybookAsync("storm.md");
        Model.FailNext(3, ServerFault.Overloaded);
        ScriptTick(doc, "First");
        ScriptTick(doc, "Second");

        await using var server = new TestServer(home: Home.Path, services: s => s.AddSingleton<TimeProvider>(time));
        var progress = new RunProgressRecorder();
        var events = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("pb-outage", progress);
        using var watcher = await server.ConnectInitializedAsync("pb-outage-events", events);
        var started = await rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = doc, AgentId = AgentId });

        // While the provider is out the run says it waits (a live state: runs/list running lists it too).
        await Wait.UntilAsync(() => progress.For(started.Id).Any(e => e.Event == RunProgressKind.Waiting), TimeSpan.FromSeconds(120), "the run to wait");
        var waitingRuns = await rpc.InvokeWithParameterObjectAsync<RunsListResult>(Methods.RunsList, new RunsListParams { Status = RunStatus.Waiting });
        var wait = Assert.Single(waitingRuns.Runs, r => r.Id == started.Id).Waiting;
        Assert.Equal(OutageClass.Availability, wait!.Class);
        Assert.Equal(progress.For(started.Id)[0].Task!.SessionId, wait.SessionId);
        Assert.Contains((await rpc.InvokeWithParameterObjectAsync<RunsListResult>(Methods.RunsList, new RunsListParams { Status = RunStatus.Running })).Runs, r => r.Id == started.Id);

        var advanced = await FinishAdvancingTheClockAsync(progress, events, started.Id, TimeSpan.FromMinutes(2));

        var run = progress.For(started.Id)[^1].Run;
        Assert.Equal((RunStatus.Done, 2, 0, 2), (run.Status, run.Done, run.Failed, run.TasksRun));
        Assert.Equal(
            [RunProgressKind.TaskStarted, RunProgressKind.Waiting, RunProgressKind.Waiting, RunProgressKind.Waiting, RunProgressKind.Resumed, RunProgressKind.TaskDone, RunProgressKind.TaskStarted, RunProgressKind.TaskDone, RunProgressKind.Finished],
            progress.For(started.Id).Select(e => e.Event));
        Assert.All(progress.For(started.Id).Where(e => e.Event == RunProgressKind.Waiting), e => Assert.Equal((RunStatus.Waiting, 0), (e.Run.Status, e.Run.Done)));
        Assert.Equal([1, 2, 3], progress.For(started.Id).Where(e => e.Event == RunProgressKind.Waiting).Select(e => e.Run.Waiting!.Attempts));
        Assert.Equal(RunStatus.Running, progress.For(started.Id).Single(e => e.Event == RunProgressKind.Resumed).Run.Status);
        Assert.Null(run.Waiting);
        Assert.All(progress.For(started.Id).Where(e => e.Task is not null), e => Assert.Equal(1, e.Task!.Attempt));
        Assert.Equal("- [x] First\n- [x] Second\n", await File.ReadAllTextAsync(doc));
        Assert.Equal(3, advanced);
        var outage = events.Events.Select(e => e.Event).OfType<OutageEvent>().Last();
        Assert.Equal((OutageState.Recovered, 3), (outage.State, outage.Attempts));
    }

    [Fact]
    public async Task A_run_overloaded_at_first_whose_quota_then_runs_out_finishes_once_service_returns()
    {
        var doc = await TwoTaskPlaybookAsync("night.md");
        var resetAt = time.GetUtcNow().AddMinutes(40);
        Model.FailNext(2, ServerFault.Overloaded);
        ScriptTick(doc, "First");
        // The quota runs out once the first task is done, until a reset 40 minutes later.
        Model.FailAfterScripted(2, ServerFault.QuotaExhausted(resetAt));
        ScriptTick(doc, "Second");

        await using var server = new TestServer(home: Home.Path, services: s => s.AddSingleton<TimeProvider>(time));
        var progress = new RunProgressRecorder();
        var events = new EventRecorder();
        using var rpc = await server.ConnectInitializedAsync("pb-night", progress);
        using var watcher = await server.ConnectInitializedAsync("pb-night-events", events);
        var started = await rpc.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = doc, AgentId = AgentId });

        // Past the next try of each waiting version of an outage: the backoff's 30 s, or the quota's reset.
        await FinishAdvancingTheClockAsync(progress, events, started.Id, TimeSpan.FromMinutes(45));

        var run = progress.For(started.Id)[^1].Run;
        Assert.Equal((RunStatus.Done, 2, 0, 2), (run.Status, run.Done, run.Failed, run.TasksRun));
        Assert.All(progress.For(started.Id).Where(e => e.Task is not null), e => Assert.Equal(1, e.Task!.Attempt));
        Assert.Equal("- [x] First\n- [x] Second\n", await File.ReadAllTextAsync(doc));

        // One outage per event, each one stored row revised in place, closed as recovered.
        var outages = events.Events.Where(e => e.Event is OutageEvent).GroupBy(e => ((OutageEvent)e.Event).OutageId).ToList();
        Assert.Equal(2, outages.Count);
        Assert.All(outages, o => Assert.Single(o.Select(e => (e.SessionId, e.Seq)).Distinct()));
        var overloaded = (OutageEvent)outages[0].Last().Event;
        var quota = (OutageEvent)outages[1].Last().Event;
        Assert.Equal((OutageClass.Availability, OutageState.Recovered, 2), (overloaded.Class, overloaded.State, overloaded.Attempts));
        Assert.Equal((OutageClass.Quota, OutageState.Recovered, 2), (quota.Class, quota.State, quota.Attempts));
        Assert.Equal(resetAt, quota.ResetAt);
        foreach (var sessionId in run.SessionIds)
        {
            var history = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = sessionId });
            Assert.Single(history.Events, e => e.Event is OutageEvent);
        }

        // Nothing resent that should not be: each failure was answered by exactly one resend, every reply was served once.
        Assert.Equal((4, 0, 0), (Model.Requests.Count(r => r.ServedAs == ServedAs.Fault), Model.PendingFailures, Model.PendingReplies));
        Assert.Equal(6, Model.ScriptedRequests.Count); // three replies per task (Read; Edit; the closing text)
        Assert.Equal(
            [RunProgressKind.Waiting, RunProgressKind.Waiting, RunProgressKind.Resumed, RunProgressKind.TaskDone, RunProgressKind.TaskStarted, RunProgressKind.Waiting, RunProgressKind.Waiting, RunProgressKind.Resumed, RunProgressKind.TaskDone],
            progress.For(started.Id).Select(e => e.Event).Skip(1).SkipLast(1));
    }

    /// <summary>A playbook document of two tasks, and the real Claude Code set up not to retry by itself.</summary>
    private async Task<string> TwoTaskPlaybookAsync(string name)
    {
        var doc = Path.Combine(Sandbox.Repo, "playbooks", name);
        Directory.CreateDirectory(Path.GetDirectoryName(doc)!);
        await File.WriteAllTextAsync(doc, "- [ ] First\n- [ ] Second\n");
        var environment = ClaudeCodeCli.Environment(Sandbox, Model.BaseUrl);
        environment["CLAUDE_CODE_MAX_RETRIES"] = "0";
        await MaestroAgentSettings.WriteAsync(Home.Path, AgentId, AgentClis.Claude, environment);
        return doc;
    }

    /// <summary>
    /// Waits for the run to finish, moving the clock on by <paramref name="step"/> at each failed send (each one is one
    /// more "waiting" version of an outage), past its next try. Answers how many times the clock moved.
    /// </summary>
    private async Task<int> FinishAdvancingTheClockAsync(RunProgressRecorder progress, EventRecorder events, string runId, TimeSpan step)
    {
        var advanced = 0;
        await Wait.UntilAsync(
            () =>
            {
                if (progress.Finished(runId))
                {
                    return true;
                }

                var waits = events.Events.Select(e => e.Event).OfType<OutageEvent>().Count(o => o.State == OutageState.Waiting);
                if (waits > advanced)
                {
                    advanced = waits;
                    time.Advance(step);
                }

                return false;
            },
            TimeSpan.FromSeconds(180),
            "the run to finish");
        return advanced;
    }

    private void ScriptTick(string document, string task)
    {
        Model.EnqueueTurn(ScriptStep.ToolCall("Read", new JsonObject { ["file_path"] = document }.ToJsonString()));
        Model.EnqueueTurn(
            ScriptStep.ToolCall("Edit", new JsonObject { ["file_path"] = document, ["old_string"] = "- [ ] " + task, ["new_string"] = "- [x] " + task }.ToJsonString()),
            ScriptStep.Text($"Done: **{task}**."));
    }
}
