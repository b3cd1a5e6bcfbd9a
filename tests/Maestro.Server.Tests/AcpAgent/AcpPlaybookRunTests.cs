using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.AcpAgent;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.AcpAgent;

/// <summary>
/// A Playbook run as an ACP plan: the tasks read from the documents, ticked by runs/progress of this run only, progress
/// that came before the run's id applied once it is known, and the end of the run ending the wait.
/// </summary>
public sealed class AcpPlaybookRunTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private readonly TempDirectory folder = new("acp-pb");
    private readonly ConcurrentQueue<JsonObject> sent = new();

    public void Dispose() => folder.Dispose();

    private string Statuses(JsonObject plan) => string.Join(",", plan["entries"]!.AsArray().Select(e => (string?)e!["status"]));

    private static Run RunOf(string id, RunStatus status = RunStatus.Running, RunOutcome? outcome = null) => new()
    {
        Id = id, Playbook = "/p", AgentId = "claude-code", Status = status, Total = 3, Done = 1, Failed = 0, SessionIds = [],
        StartedAt = Now, Usage = Usage.Zero, Outcome = outcome,
    };

    private RunProgressNotification Progress(string runId, RunProgressKind kind, string document, int line, RunStatus status = RunStatus.Running)
        => new() { Run = RunOf(runId, status), Event = kind, Task = new RunTask { Document = Path.Combine(folder.Path, document), Line = line, Text = "t" } };

    [Fact]
    public async Task The_plan_ticks_with_this_runs_progress_including_what_came_before_its_id()
    {
        Directory.CreateDirectory(Path.Combine(folder.Path, "pb"));
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "pb", "01-a.md"), "# A\n\n- [x] Done already\n- [ ] First\n");
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "pb", "02-b.md"), "# B\n\n- [ ] Second\n");
        var run = await AcpPlaybookRun.LoadAsync(Path.Combine(folder.Path, "pb"), p => { sent.Enqueue(p); return Task.CompletedTask; }, CancellationToken.None);
        await run.SendPlanAsync();
        var first = Assert.Single(sent);
        Assert.Equal("plan", (string?)first["sessionUpdate"]);
        Assert.Equal(["Done already", "First", "Second"], first["entries"]!.AsArray().Select(e => (string?)e!["content"]));
        Assert.All(first["entries"]!.AsArray(), e => Assert.Equal("medium", (string?)e!["priority"]));
        Assert.Equal("completed,pending,pending", Statuses(first));

        // Progress before playbooks/run answered, and another run's progress: only this run's is applied, in order.
        run.Offer(Progress("r_mine", RunProgressKind.TaskStarted, "pb/01-a.md", 4));
        run.Offer(Progress("r_other", RunProgressKind.TaskStarted, "pb/02-b.md", 3));
        run.Started(RunOf("r_mine"));
        Assert.Equal("r_mine", run.RunId);
        run.Offer(Progress("r_mine", RunProgressKind.TaskDone, "pb/01-a.md", 4));
        run.Offer(Progress("r_mine", RunProgressKind.TaskStarted, "pb/02-b.md", 3));
        run.Offer(Progress("r_mine", RunProgressKind.TaskFailed, "pb/02-b.md", 3));
        run.Offer(Progress("r_mine", RunProgressKind.TaskDone, "pb/02-b.md", 3));
        Assert.False(run.Ended.IsCompleted);
        run.Offer(new RunProgressNotification { Run = RunOf("r_mine", RunStatus.Done, RunOutcome.Done), Event = RunProgressKind.Finished });

        var ended = await run.Ended.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RunOutcome.Done, ended.Outcome);
        Assert.Equal(
            ["completed,pending,pending", "completed,in_progress,pending", "completed,completed,pending", "completed,completed,in_progress", "completed,completed,completed"],
            sent.Select(Statuses));
    }

    [Fact]
    public async Task A_run_that_cannot_start_ends_the_wait_with_why_and_a_run_already_over_ends_it_at_once()
    {
        var doc = Path.Combine(folder.Path, "one.md");
        await File.WriteAllTextAsync(doc, "- [ ] Only\n");
        var failing = await AcpPlaybookRun.LoadAsync(doc, _ => Task.CompletedTask, CancellationToken.None);
        failing.Failed(new InvalidOperationException("agent missing"));
        Assert.Equal("agent missing", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing.Ended)).Message);

        var quick = await AcpPlaybookRun.LoadAsync(doc, _ => Task.CompletedTask, CancellationToken.None);
        quick.Started(RunOf("r_done", RunStatus.Stopped, RunOutcome.Stopped));
        var stopped = await quick.Ended.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RunOutcome.Stopped, stopped.Outcome);
        Assert.Contains("was stopped", AcpPlaybookRun.Summary(stopped), StringComparison.Ordinal);
        Assert.Contains("1 of 3 tasks done", AcpPlaybookRun.Summary(stopped), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_playbook_is_refused_with_its_path()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AcpPlaybookRun.LoadAsync(Path.Combine(folder.Path, "nope.md"), _ => Task.CompletedTask, CancellationToken.None));
        Assert.Contains("nope.md", error.Message, StringComparison.Ordinal);
    }
}
