using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Playbooks.Prompts;
using Maestro.Server.Tests.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;
using Maestro.TestSupport.Playbooks;

namespace Maestro.Server.Tests.Playbooks;

/// <summary>
/// The Maestro desktop app's playbooks (its folder, marks, variables, halt and HITL markers) run with the real Claude
/// Code CLI against the scripted model server: the model's tool calls make the agent Read the document and Edit it.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class ClaudeCodeAnchorPlaybookTests : RealClaudeTestBase
{
    protected override string SandboxName => "claude-pb-anchor";

    private static string Json(JsonObject o) => o.ToJsonString();

    /// <summary>The model's part of one task: read the document, replace <paramref name="from"/> with <paramref name="to"/>, say so.</summary>
    private void ScriptEdit(string document, string from, string to, string reply)
    {
        Model.EnqueueTurn(ScriptStep.ToolCall("Read", Json(new JsonObject { ["file_path"] = document })));
        Model.EnqueueTurn(
            ScriptStep.ToolCall("Edit", Json(new JsonObject { ["file_path"] = document, ["old_string"] = from, ["new_string"] = to })),
            ScriptStep.Text(reply));
    }

    private void ScriptTick(string document, string task) => ScriptEdit(document, "- [ ] " + task, "- [x] " + task, $"Done: {task}.");

    private string WriteAppPlaybook(string name, string text)
    {
        var path = Path.Combine(Sandbox.Repo, ".maestro", "playbooks", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static List<JsonObject> Lines(string stdout)
        => stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    [Fact]
    public async Task An_apps_playbook_with_check_marks_and_its_variables_runs_to_the_end()
    {
        var doc = WriteAppPlaybook("Phase 1.md", """
            # Phase 1 for {{AGENT_NAME}}

            Working in {{CWD}} on branch {{GIT_BRANCH}}, loop {{LOOP_NUMBER}}, document {{DOCUMENT_PATH}}, on {{DATE}}.

            - [✓] Set up the project in the app
            - [ ] Create the notes
            - [✔] Pick a name
            - [ ] Say hello

            """);
        ScriptTick(doc, "Create the notes");
        ScriptTick(doc, "Say hello");

        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(Home.Path, "run", doc, "--agent", "claude-code", "--json", "--cwd", Sandbox.Repo);

        Assert.True(exit == 0, $"exit {exit}\n{stderr}\n{stdout}");
        var lines = Lines(stdout);
        Assert.Equal(["taskStarted", "taskDone", "taskStarted", "taskDone", "finished", "summary"], lines.Select(l => (string)l["event"]!));
        Assert.Equal((4, 4), ((int)lines[^1]["done"]!, (int)lines[^1]["total"]!));
        Assert.Contains("- [✓] Set up the project in the app\n- [x] Create the notes\n- [✔] Pick a name\n- [x] Say hello\n", await File.ReadAllTextAsync(doc), StringComparison.Ordinal);

        // The prompt showed the document with the app's variables filled in.
        var branch = GitHead.BranchOf(Sandbox.Repo);
        Assert.False(string.IsNullOrEmpty(branch));
        var first = Model.Requests.First(r => r.Body.Contains("Create the notes", StringComparison.Ordinal)).Body;
        Assert.Contains($"Working in {Sandbox.Repo} on branch {branch}, loop 00001, document {doc}, on {DateTime.Now:yyyy-MM-dd}.", first, StringComparison.Ordinal);
        Assert.Contains("# Phase 1 for claude-code", first, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", first, StringComparison.Ordinal);
        Assert.Equal(0, Model.PendingReplies);
    }

    [Fact]
    public async Task A_halt_marker_the_agent_writes_ends_the_run_halted_with_exit_15_and_a_stale_one_refuses_the_next_start()
    {
        var doc = WriteAppPlaybook("release.md", "# Release\n\n- [ ] Build the package\n- [ ] Publish the package\n");
        ScriptEdit(doc, "- [ ] Build the package\n", "- [ ] Build the package\n\n<!-- maestro:halt: the compiler is missing -->\n", "The build cannot run here; I halted the playbook.");

        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(Home.Path, "run", doc, "--agent", "claude-code", "--json", "--cwd", Sandbox.Repo);

        Assert.True(exit == 15, $"exit {exit}\n{stderr}\n{stdout}");
        var lines = Lines(stdout);
        Assert.Equal(["taskStarted", "finished", "summary"], lines.Select(l => (string)l["event"]!));
        var summary = lines[^1];
        Assert.Equal(("halted", 15), ((string)summary["outcome"]!, (int)summary["exitCode"]!));
        Assert.Contains("the compiler is missing", (string)lines[1]["message"]!, StringComparison.Ordinal);
        Assert.Single(summary["sessionIds"]!.AsArray()); // no retry, no further task
        Assert.DoesNotContain(Model.Requests, r => r.Body.Contains("of the document): Publish the package", StringComparison.Ordinal));
        Assert.Equal(0, Model.PendingReplies);

        // The marker is still there: the next run is refused before any agent starts, naming the file and line.
        var requests = Model.Requests.Count;
        var (again, out2, err2) = await MaestroProcess.RunAsync(Home.Path, "run", doc, "--agent", "claude-code", "--json", "--cwd", Sandbox.Repo);

        Assert.True(again == 12, $"exit {again}\n{err2}\n{out2}");
        var error = Lines(out2)[^1];
        Assert.Equal("error", (string)error["event"]!);
        Assert.Contains(doc + ":5:", (string)error["message"]!, StringComparison.Ordinal);
        Assert.Equal(requests, Model.Requests.Count);
    }

    [Fact]
    public async Task A_hitl_gate_pauses_the_run_and_approval_from_a_second_client_ticks_the_box_and_the_run_goes_on()
    {
        var doc = WriteAppPlaybook("gated.md", """
            # Notes

            - [ ] Write the notes

            <!-- MAESTRO:HITL reason="Check the notes read well" artifact="NOTES.md" -->
            - [ ] Approve the notes
            - [ ] Publish the notes

            """);
        ScriptTick(doc, "Write the notes");
        ScriptTick(doc, "Publish the notes");
        await using var server = new TestServer(home: Home.Path);
        var recorder = new RunProgressRecorder();
        using var editor = await server.ConnectInitializedAsync("pb-editor", recorder);
        using var second = await server.ConnectInitializedAsync("pb-second", new RunProgressRecorder());

        var listed = await second.InvokeWithParameterObjectAsync<PlaybooksListResult>(Methods.PlaybooksList, new PlaybooksListParams { Cwd = Sandbox.Repo });
        Assert.Contains(listed.Playbooks, p => p.Path == doc && p.Documents[0].Total == 3);

        var started = await editor.InvokeWithParameterObjectAsync<Run>(Methods.PlaybooksRun, new PlaybookRunParams { Path = doc, AgentId = "claude-code" });
        await Wait.UntilAsync(() => recorder.For(started.Id).Any(e => e.Event == RunProgressKind.Waiting), TimeSpan.FromSeconds(120), "the run to wait at the gate");

        var waiting = await second.InvokeWithParameterObjectAsync<Run>(Methods.RunsGet, new RunIdParams { RunId = started.Id });
        Assert.Equal(RunStatus.Waiting, waiting.Status);
        Assert.Equal(("Check the notes read well", "NOTES.md", "Approve the notes"), (waiting.Gate!.Reason, waiting.Gate.Artifact, waiting.Gate.Task.Text));
        Assert.Equal(1, waiting.Done);
        var requestsAtGate = Model.Requests.Count;
        Assert.Contains("- [ ] Approve the notes", await File.ReadAllTextAsync(doc), StringComparison.Ordinal);

        var approved = await second.InvokeWithParameterObjectAsync<Run>(Methods.RunsApprove, new RunIdParams { RunId = started.Id });

        Assert.Null(approved.Gate);
        Assert.Contains("- [x] Approve the notes", await File.ReadAllTextAsync(doc), StringComparison.Ordinal);
        await Wait.UntilAsync(() => recorder.Finished(started.Id), TimeSpan.FromSeconds(120), "the run to finish");
        var events = recorder.For(started.Id);
        Assert.Equal(
            [RunProgressKind.TaskStarted, RunProgressKind.TaskDone, RunProgressKind.Waiting, RunProgressKind.Resumed, RunProgressKind.TaskStarted, RunProgressKind.TaskDone, RunProgressKind.Finished],
            events.Select(e => e.Event));
        Assert.Equal((RunOutcome.Done, 3, 2), (events[^1].Run.Outcome, events[^1].Run.Done, events[^1].Run.TasksRun));
        Assert.True(Model.Requests.Count > requestsAtGate); // the agent worked again only after the approval
        Assert.Equal(0, Model.PendingReplies);
    }
}
