using System.Text.Json.Nodes;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;

namespace Maestro.Server.Tests.Agents;

/// <summary>
/// The real agent CLIs from tools/agents, run headless exactly as Maestro will, against the scripted model server:
/// each really edits files in a real git repo. MAESTRO_RECORD_AGENT_FIXTURES=1 saves their output and requests
/// under tests/fixtures/agents/ for the adapters' own tests.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class RealCliSmokeTests : IAsyncLifetime
{
    private ScriptedModelServer server = null!;

    public async Task InitializeAsync() => server = await ScriptedModelServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task ClaudeCode_writes_a_file_then_resumes_its_session()
    {
        using var sandbox = await AgentSandbox.CreateAsync("claude");
        server.EnqueueTurn(
            ScriptStep.Text("I'll create the file."),
            ScriptStep.ToolCall("Write", Json(new { file_path = sandbox.RepoFile("hello.txt"), content = "hello from maestro\n" })),
            ScriptStep.Text("Created hello.txt."));

        var first = await ClaudeCodeCli.RunAsync(sandbox, server.BaseUrl, "Create hello.txt saying hello from maestro");
        FixtureRecorder.Save("claude-code", "write-file", first, server.Requests);

        Assert.True(first.ExitCode == 0, first.Describe());
        Assert.Equal("hello from maestro\n", await File.ReadAllTextAsync(sandbox.RepoFile("hello.txt")));
        var init = Assert.Single(first.OfType("system"), e => Str(e, "subtype") == "init");
        var sessionId = Str(init, "session_id");
        Assert.False(string.IsNullOrEmpty(sessionId));
        var result = Assert.Single(first.OfType("result"));
        Assert.False(result["is_error"]!.GetValue<bool>(), first.Describe());
        Assert.Equal("Created hello.txt.", Str(result, "result"));
        Assert.Equal(0, server.PendingReplies);
        Assert.Contains("Write", server.ScriptedRequests[0].ToolNames);
        Assert.Contains("toolu_mock_", server.ScriptedRequests[1].Body, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(sandbox.Home, ".claude", "projects", ClaudeProjectSlug(sandbox.Repo), sessionId + ".jsonl")));

        var before = server.Requests.Count;
        server.EnqueueTurn(
            ScriptStep.ToolCall("Bash", Json(new { command = "printf 'second turn\\n' > second.txt", description = "Write second.txt" })),
            ScriptStep.Text("Wrote second.txt."));
        var second = await ClaudeCodeCli.RunAsync(sandbox, server.BaseUrl, "Now write second.txt", resumeSessionId: sessionId);
        FixtureRecorder.Save("claude-code", "resume-bash", second, server.Requests.Skip(before));

        Assert.True(second.ExitCode == 0, second.Describe());
        Assert.Equal("second turn\n", await File.ReadAllTextAsync(sandbox.RepoFile("second.txt")));
        Assert.Equal(sessionId, Str(Assert.Single(second.OfType("result")), "session_id"));
        // The resumed conversation carries the first turn: the model sees its earlier tool call.
        Assert.Contains("hello.txt", server.ScriptedRequests[2].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codex_writes_a_file_then_resumes_its_thread()
    {
        using var sandbox = await AgentSandbox.CreateAsync("codex");
        CodexCli.WriteConfig(sandbox, server.BaseUrl);
        server.EnqueueTurn(
            ScriptStep.ToolCall("exec_command", Json(new { cmd = "printf 'hello from maestro\\n' > hello.txt" })),
            ScriptStep.Text("Created hello.txt."));

        var first = await CodexCli.RunAsync(sandbox, "Create hello.txt saying hello from maestro");
        FixtureRecorder.Save("codex", "write-file", first, server.Requests);

        Assert.True(first.ExitCode == 0, first.Describe());
        Assert.Equal("hello from maestro\n", await File.ReadAllTextAsync(sandbox.RepoFile("hello.txt")));
        var threadId = Str(Assert.Single(first.OfType("thread.started")), "thread_id");
        Assert.False(string.IsNullOrEmpty(threadId));
        Assert.Single(first.OfType("turn.completed"));
        Assert.Contains(first.OfType("item.completed"), e => e["item"]?["type"]?.GetValue<string>() == "agent_message" && e["item"]?["text"]?.GetValue<string>() == "Created hello.txt.");
        Assert.Equal(0, server.PendingReplies);
        Assert.Contains("exec_command", server.ScriptedRequests[0].ToolNames);
        Assert.Contains("call_mock_", server.ScriptedRequests[1].Body, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(CodexCli.CodexHome(sandbox), "sessions"), $"rollout-*-{threadId}.jsonl", SearchOption.AllDirectories));

        var before = server.Requests.Count;
        server.EnqueueTurn(
            ScriptStep.ToolCall("exec_command", Json(new { cmd = "printf 'second turn\\n' > second.txt" })),
            ScriptStep.Text("Wrote second.txt."));
        var second = await CodexCli.RunAsync(sandbox, "Now write second.txt", resumeThreadId: threadId);
        FixtureRecorder.Save("codex", "resume-shell", second, server.Requests.Skip(before));

        Assert.True(second.ExitCode == 0, second.Describe());
        Assert.Equal("second turn\n", await File.ReadAllTextAsync(sandbox.RepoFile("second.txt")));
        Assert.Equal(threadId, Str(Assert.Single(second.OfType("thread.started")), "thread_id"));
        Assert.Contains("hello.txt", server.ScriptedRequests[2].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenCode_writes_a_file_then_continues_its_session()
    {
        using var sandbox = await AgentSandbox.CreateAsync("opencode");
        OpenCodeCli.WriteConfig(sandbox, server.BaseUrl);
        server.EnqueueTurn(
            ScriptStep.ToolCall("write", Json(new { filePath = sandbox.RepoFile("hello.txt"), content = "hello from maestro\n" })),
            ScriptStep.Text("Created hello.txt."));

        var first = await OpenCodeCli.RunAsync(sandbox, "Create hello.txt saying hello from maestro");
        FixtureRecorder.Save("opencode", "write-file", first, server.Requests);

        Assert.True(first.ExitCode == 0, first.Describe());
        Assert.Equal("hello from maestro\n", await File.ReadAllTextAsync(sandbox.RepoFile("hello.txt")));
        var sessionId = Str(first.Events[0], "sessionID");
        Assert.StartsWith("ses_", sessionId, StringComparison.Ordinal);
        Assert.All(first.Events, e => Assert.Equal(sessionId, Str(e, "sessionID")));
        Assert.Contains(first.OfType("tool_use"), e => e["part"]?["tool"]?.GetValue<string>() == "write");
        Assert.Contains(first.OfType("text"), e => e["part"]?["text"]?.GetValue<string>() == "Created hello.txt.");
        Assert.Equal("stop", first.OfType("step_finish").Last()["part"]?["reason"]?.GetValue<string>());
        Assert.Equal(0, server.PendingReplies);
        Assert.Contains("write", server.ScriptedRequests[0].ToolNames);

        var before = server.Requests.Count;
        server.EnqueueTurn(
            ScriptStep.ToolCall("bash", Json(new { command = "printf 'second turn\\n' > second.txt", description = "Write second.txt" })),
            ScriptStep.Text("Wrote second.txt."));
        var second = await OpenCodeCli.RunAsync(sandbox, "Now write second.txt", sessionId);
        FixtureRecorder.Save("opencode", "continue-bash", second, server.Requests.Skip(before));

        Assert.True(second.ExitCode == 0, second.Describe());
        Assert.Equal("second turn\n", await File.ReadAllTextAsync(sandbox.RepoFile("second.txt")));
        Assert.All(second.Events, e => Assert.Equal(sessionId, Str(e, "sessionID")));
        Assert.Contains("hello.txt", server.ScriptedRequests[2].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gemini_writes_a_file_then_resumes_its_session()
    {
        using var sandbox = await AgentSandbox.CreateAsync("gemini");
        GeminiCli.WriteSettings(sandbox);
        server.EnqueueTurn(
            ScriptStep.ToolCall("write_file", Json(new { file_path = sandbox.RepoFile("hello.txt"), content = "hello from maestro\n" })),
            ScriptStep.Text("Created hello.txt."));

        var first = await GeminiCli.RunAsync(sandbox, server.BaseUrl, "Create hello.txt saying hello from maestro");
        FixtureRecorder.Save("gemini", "write-file", first, server.Requests);

        Assert.True(first.ExitCode == 0, first.Describe());
        Assert.Equal("hello from maestro\n", await File.ReadAllTextAsync(sandbox.RepoFile("hello.txt")));
        var sessionId = Str(Assert.Single(first.OfType("init")), "session_id");
        Assert.False(string.IsNullOrEmpty(sessionId));
        Assert.Equal("success", Str(Assert.Single(first.OfType("result")), "status"));
        Assert.Equal(0, server.PendingReplies);
        Assert.Contains("write_file", server.ScriptedRequests[0].ToolNames);

        var before = server.Requests.Count;
        server.EnqueueTurn(
            ScriptStep.ToolCall("run_shell_command", Json(new { command = "printf 'second turn\\n' > second.txt", description = "Write second.txt" })),
            ScriptStep.Text("Wrote second.txt."));
        var second = await GeminiCli.RunAsync(sandbox, server.BaseUrl, "Now write second.txt", sessionId);
        FixtureRecorder.Save("gemini", "resume-shell", second, server.Requests.Skip(before));

        Assert.True(second.ExitCode == 0, second.Describe());
        Assert.Equal("second turn\n", await File.ReadAllTextAsync(sandbox.RepoFile("second.txt")));
        Assert.Contains("hello.txt", server.ScriptedRequests[2].Body, StringComparison.Ordinal);
    }

    /// <summary>Claude Code names a project folder after the cwd with every non-alphanumeric character as '-'.</summary>
    private static string ClaudeProjectSlug(string cwd) => string.Concat(cwd.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static string? Str(JsonObject e, string name) => e[name]?.GetValue<string>();
}
