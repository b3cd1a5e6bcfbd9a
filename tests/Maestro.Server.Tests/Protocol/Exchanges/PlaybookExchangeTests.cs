using Maestro.Protocol;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>
/// Records (or checks, see <see cref="ExchangeStore"/>) playbooks/*, runs/* and runs/progress, with the Claude Code
/// STAND-IN script as the agent (it ticks the task's box; "(slow)" keeps a task running until the run is stopped).
/// </summary>
public sealed class PlaybookExchangeTests : IAsyncLifetime
{
    private ExchangeSandbox sandbox = null!;

    public Task InitializeAsync()
    {
        sandbox = ExchangeSandbox.Create(new Dictionary<string, string>
        {
            ["playbooks/release/01-build.md"] = "# Build\n\n- [ ] Compile\n- [x] Already done\n",
            ["playbooks/release/playbook.yaml"] = "permissionMode: bypass\nbudget:\n  maxTasks: 5\n",
            ["playbooks/slow.md"] = "- [ ] Wait for it (slow)\n",
            ["playbooks/stuck.md"] = "- [ ] Never ticked (leave)\n",
            ["playbooks/twice.md"] = "- [ ] Tick me\n",
            ["playbooks/gated.md"] = "- [ ] Draft\n<!-- MAESTRO:HITL reason=\"Read the draft\" artifact=\"DRAFT.md\" -->\n- [ ] Approve the draft\n- [ ] Publish\n",
            ["playbooks/halt.md"] = "- [ ] Build (halt)\n- [ ] Deploy\n",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task List_run_progress_get_list_stop_and_an_invalid_playbook()
    {
        await using var client = await sandbox.ConnectAsync();
        var listed = await client.RecordAsync(Methods.PlaybooksList, new PlaybooksListParams { Cwd = sandbox.Repo });
        // The playbook's own settings come with it, for a client to preselect (the start-a-run screen).
        var release = listed["result"]!["playbooks"]!.AsArray().Single(p => (string?)p!["name"] == "release")!;
        Assert.Equal("bypass", (string?)release["defaults"]!["permissionMode"]);
        Assert.Equal(5, (int?)release["defaults"]!["budget"]!["maxTasks"]);
        Assert.Null(listed["result"]!["playbooks"]!.AsArray().Single(p => (string?)p!["name"] == "slow")!["defaults"]);

        var started = await client.RecordAsync(Methods.PlaybooksRun, new PlaybookRunParams { Path = Path.Combine(sandbox.Repo, "playbooks", "release"), AgentId = "claude-code" });
        var runId = (string)started["result"]!["id"]!;
        bool Of(System.Text.Json.Nodes.JsonNode p, string kind) => (string?)p["run"]!["id"] == runId && (string?)p["event"] == kind;
        Exchange.RecordMessage(await client.NotificationAsync(Methods.RunsProgress, p => Of(p, "taskStarted")), "taskStarted");
        Exchange.RecordMessage(await client.NotificationAsync(Methods.RunsProgress, p => Of(p, "taskDone")), "taskDone");
        Exchange.RecordMessage(await client.NotificationAsync(Methods.RunsProgress, p => Of(p, "finished")), "finished");

        var run = await client.RecordAsync(Methods.RunsGet, new RunIdParams { RunId = runId });
        Assert.Equal("done", (string?)run["result"]!["status"]);
        await client.RecordAsync(Methods.RunsList, new RunsListParams { Status = RunStatus.Done });

        var slow = Exchange.AssertNoError(await client.CallAsync(Methods.PlaybooksRun, new PlaybookRunParams { Path = Path.Combine(sandbox.Repo, "playbooks", "slow.md"), AgentId = "claude-code" }));
        var slowId = (string)slow["result"]!["id"]!;
        await client.NotificationAsync(Methods.RunsProgress, p => (string?)p["run"]!["id"] == slowId && (string?)p["event"] == "taskStarted");
        async Task<string?> SlowStateAsync() => (string?)Exchange.AssertNoError(await client.CallAsync(Methods.RunsTasks, new RunIdParams { RunId = slowId }))["result"]!["tasks"]![0]!["state"];
        Assert.Equal("running", await SlowStateAsync());
        await client.RecordAsync(Methods.RunsStop, new RunIdParams { RunId = slowId });
        await client.NotificationAsync(Methods.RunsProgress, p => (string?)p["run"]!["id"] == slowId && (string?)p["event"] == "finished");
        Assert.Equal("skipped", await SlowStateAsync()); // the run ended before it was done

        // A task the agent never ticks fails (after its retries), and a second loop starts with every box unchecked.
        var stuck = Exchange.AssertNoError(await client.CallAsync(Methods.PlaybooksRun, new PlaybookRunParams { Path = Path.Combine(sandbox.Repo, "playbooks", "stuck.md"), AgentId = "claude-code" }));
        Exchange.RecordMessage(await client.NotificationAsync(Methods.RunsProgress, p => (string?)p["run"]!["id"] == (string?)stuck["result"]!["id"] && (string?)p["event"] == "taskFailed"), "taskFailed");
        var stuckId = (string)stuck["result"]!["id"]!;
        await client.NotificationAsync(Methods.RunsProgress, p => (string?)p["run"]!["id"] == stuckId && (string?)p["event"] == "finished");
        var stuckTask = Exchange.AssertNoError(await client.CallAsync(Methods.RunsTasks, new RunIdParams { RunId = stuckId }))["result"]!["tasks"]!.AsArray().Single()!;
        Assert.Equal("failed", (string?)stuckTask["state"]);
        Assert.Equal([1, 2], stuckTask["attempts"]!.AsArray().Select(a => (int?)a!["attempt"]));
        Assert.All(stuckTask["attempts"]!.AsArray(), a => Assert.Contains("still unchecked", (string?)a!["message"], StringComparison.Ordinal));
        var twice = Exchange.AssertNoError(await client.CallAsync(Methods.PlaybooksRun, new PlaybookRunParams { Path = Path.Combine(sandbox.Repo, "playbooks", "twice.md"), AgentId = "claude-code", Loops = 2 }));
        Exchange.RecordMessage(await client.NotificationAsync(Methods.RunsProgress, p => (string?)p["run"]!["id"] == (string?)twice["result"]!["id"] && (string?)p["event"] == "loopStarted"), "loopStarted");
        await client.NotificationAsync(Methods.RunsProgress, p => (string?)p["run"]!["id"] == (string?)twice["result"]!["id"] && (string?)p["event"] == "finished");

        sandbox.Repository.Write("playbooks/empty.md", "# Nothing to do here\n");
        await client.RecordErrorAsync(Methods.PlaybooksRun, new PlaybookRunParams { Path = Path.Combine(sandbox.Repo, "playbooks", "empty.md"), AgentId = "claude-code" }, ErrorCodes.PlaybookInvalid, ErrorKinds.PlaybookInvalid);
        await client.RecordErrorAsync(Methods.RunsGet, new RunIdParams { RunId = "run_000000000000" }, ErrorCodes.InvalidParams, ErrorKinds.InvalidParams, "unknown");
    }

    [Fact]
    public async Task A_gate_waits_runs_approve_lets_it_go_on_and_a_halt_ends_a_run_halted()
    {
        await using var client = await sandbox.ConnectAsync();
        var gated = Exchange.AssertNoError(await client.CallAsync(Methods.PlaybooksRun, new PlaybookRunParams { Path = Path.Combine(sandbox.Repo, "playbooks", "gated.md"), AgentId = "claude-code" }));
        var gatedId = (string)gated["result"]!["id"]!;
        var waiting = await client.NotificationAsync(Methods.RunsProgress, p => (string?)p["run"]!["id"] == gatedId && (string?)p["event"] == "waiting");
        Assert.Equal("Read the draft", (string?)waiting["params"]!["run"]!["gate"]!["reason"]);
        Exchange.RecordMessage(waiting, "gate");
        // runs/tasks at the gate: every task of the document with its state, the attempt's session on the done one.
        var tasks = await client.RecordAsync(Methods.RunsTasks, new RunIdParams { RunId = gatedId });
        var rows = tasks["result"]!["tasks"]!.AsArray();
        Assert.Equal(["Draft", "Approve the draft", "Publish"], rows.Select(r => (string?)r!["text"]));
        Assert.Equal(["done", "waiting", "pending"], rows.Select(r => (string?)r!["state"]));
        Assert.Equal([1, 3, 4], rows.Select(r => (int?)r!["line"]));
        Assert.StartsWith("s_", (string?)rows[0]!["attempts"]!.AsArray().Single()!["sessionId"]);
        Assert.Empty(rows[1]!["attempts"]!.AsArray());
        var approved = await client.RecordAsync(Methods.RunsApprove, new RunIdParams { RunId = gatedId });
        Assert.Null(approved["result"]!["gate"]);
        await client.NotificationAsync(Methods.RunsProgress, p => (string?)p["run"]!["id"] == gatedId && (string?)p["event"] == "finished");

        var halt = Exchange.AssertNoError(await client.CallAsync(Methods.PlaybooksRun, new PlaybookRunParams { Path = Path.Combine(sandbox.Repo, "playbooks", "halt.md"), AgentId = "claude-code" }));
        var halted = await client.NotificationAsync(Methods.RunsProgress, p => (string?)p["run"]!["id"] == (string?)halt["result"]!["id"] && (string?)p["event"] == "finished");
        Assert.Equal("halted", (string?)halted["params"]!["run"]!["outcome"]);
        Exchange.RecordMessage(halted, "halted");
    }
}
