using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Cli;
using Maestro.Server.Tests.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;

namespace Maestro.Server.Tests.Cli;

/// <summary><c>maestro agents</c> and <c>maestro sessions list|show|prompt</c> against a real daemon running the real Claude Code.</summary>
[Collection(RealCliCollection.Name)]
public sealed class SessionsCliTests : RealClaudeTestBase
{
    protected override string SandboxName => "cli-sessions";

    [Fact]
    public async Task Agents_json_lists_the_configured_claude_with_its_version()
    {
        var (exit, stdout, _) = await MaestroProcess.RunAsync(Home.Path, "agents", "--json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var claude = doc.RootElement.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("id").GetString() == "claude-code");
        Assert.True(claude.GetProperty("available").GetBoolean());
        Assert.StartsWith("2.", claude.GetProperty("version").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_streams_json_lines_and_list_and_show_read_the_session_back()
    {
        string sessionId;
        await using (var serve = MaestroProcess.Start(Home.Path, "serve", "--stdio"))
        {
            await serve.Raw.InitializeAsync("cli-test");
            var created = await serve.Raw.CallAsync(2, Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = Sandbox.Repo, Name = "cli", PermissionMode = PermissionMode.Bypass });
            Assert.True(created["result"] is not null, created.ToJsonString());
            sessionId = (string)created["result"]!["id"]!;
        }

        Model.EnqueueTurn(ScriptStep.ToolCall("Write", $$"""{"file_path":"{{Sandbox.RepoFile("cli.txt")}}","content":"from the cli\n"}"""), ScriptStep.Text("Done."));
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(Home.Path, "sessions", "prompt", sessionId, "write cli.txt", "--json");
        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(lines, l => l.TryGetProperty("event", out var e) && e.GetProperty("type").GetString() == "toolCall");
        Assert.Equal("endTurn", lines[^1].GetProperty("stopReason").GetString());
        Assert.Equal("from the cli\n", await File.ReadAllTextAsync(Sandbox.RepoFile("cli.txt")));

        var (listExit, list, _) = await MaestroProcess.RunAsync(Home.Path, "sessions", "list", "--json");
        Assert.Equal(0, listExit);
        Assert.Contains(sessionId, list, StringComparison.Ordinal);

        var (showExit, show, _) = await MaestroProcess.RunAsync(Home.Path, "sessions", "show", sessionId);
        Assert.Equal(0, showExit);
        Assert.Contains("> write cli.txt", show, StringComparison.Ordinal);
        Assert.Contains("[edit] Write", show, StringComparison.Ordinal);
        Assert.Contains("Done.", show, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_of_an_unknown_session_fails_with_a_message()
    {
        var (exit, _, stderr) = await MaestroProcess.RunAsync(Home.Path, "sessions", "show", "s_nope");
        Assert.NotEqual(0, exit);
        Assert.Contains("s_nope", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_from_a_subfolder_with_a_first_prompt_then_rename_follow_close_archive_and_rm()
    {
        var sub = Path.Combine(Sandbox.Repo, "sub");
        Directory.CreateDirectory(sub);
        Model.EnqueueTurn(ScriptStep.Text("Hello from the first prompt."));
        var (exit, stdout, stderr) = await MaestroProcess.RunInAsync(sub, Home.Path, "sessions", "new", "--agent", "claude-code", "--cwd", "..", "--name", "from-cli", "--permission-mode", "bypass", "--prompt", "say hello");
        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var sessionId = lines[0].Trim();
        Assert.StartsWith("s_", sessionId, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("Hello from the first prompt.", StringComparison.Ordinal));
        Assert.Contains("Started from-cli", stderr, StringComparison.Ordinal);

        var (listExit, list, _) = await MaestroProcess.RunInAsync(Sandbox.Repo, Home.Path, "sessions", "list", "--cwd", ".", "--json");
        Assert.Equal(0, listExit);
        using (var doc = JsonDocument.Parse(list))
        {
            Assert.Contains(doc.RootElement.GetProperty("sessions").EnumerateArray(), s => s.GetProperty("id").GetString() == sessionId && s.GetProperty("cwd").GetString() == Sandbox.Repo);
        }

        var (renameExit, _, renamed) = await MaestroProcess.RunAsync(Home.Path, "sessions", "rename", sessionId, "renamed");
        Assert.True(renameExit == 0, renamed);

        await using var follow = MaestroProcess.Start(Home.Path, "sessions", "show", sessionId, "--follow");
        follow.Process.StandardInput.Close();
        var followed = follow.Process.StandardOutput.ReadToEndAsync();
        var (closeExit, _, closed) = await MaestroProcess.RunAsync(Home.Path, "sessions", "close", sessionId);
        Assert.True(closeExit == 0, closed);
        Assert.Equal(0, await follow.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var transcript = await followed;
        Assert.Contains("> say hello", transcript, StringComparison.Ordinal);
        Assert.Contains("Hello from the first prompt.", transcript, StringComparison.Ordinal);

        // Archived: gone from the list but for --all; then deleted for good.
        var (archiveExit, _, archivedText) = await MaestroProcess.RunAsync(Home.Path, "sessions", "archive", sessionId);
        Assert.True(archiveExit == 0, archivedText);
        Assert.Contains($"Archived {sessionId}.", archivedText, StringComparison.Ordinal);
        Assert.DoesNotContain(sessionId, (await MaestroProcess.RunAsync(Home.Path, "sessions", "list")).Stdout, StringComparison.Ordinal);
        var listed = (await MaestroProcess.RunAsync(Home.Path, "sessions", "list", "--all")).Stdout;
        Assert.StartsWith("ID ", listed, StringComparison.Ordinal);
        Assert.Contains("closed (archived)", listed, StringComparison.Ordinal);
        Assert.Contains(sessionId, listed, StringComparison.Ordinal);
        var (rmExit, rmOut, rmErr) = await MaestroProcess.RunAsync(Home.Path, "sessions", "rm", sessionId, "--json");
        Assert.True(rmExit == 0, rmErr);
        using (var doc = JsonDocument.Parse(rmOut))
        {
            Assert.Equal(sessionId, Assert.Single(doc.RootElement.GetProperty("deleted").EnumerateArray()).GetString());
        }

        Assert.DoesNotContain(sessionId, (await MaestroProcess.RunAsync(Home.Path, "sessions", "list", "--all")).Stdout, StringComparison.Ordinal);
        (rmExit, _, rmErr) = await MaestroProcess.RunAsync(Home.Path, "sessions", "rm", sessionId);
        Assert.Equal(1, rmExit);
        Assert.Contains(sessionId, rmErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", rmErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_the_permission_mode_refused_is_not_shown_as_a_change_and_the_prompt_exits_8_with_the_fix()
    {
        // Ask mode and no editor to answer: Claude Code refuses the Write in print mode, so hello.txt is never made.
        var hello = Sandbox.RepoFile("hello.txt");
        Model.EnqueueTurn(ScriptStep.ToolCall("Write", $$"""{"file_path":"{{hello}}","content":"hi\n"}"""), ScriptStep.Text("I could not write it."));
        var (exit, stdout, stderr) = await MaestroProcess.RunInAsync(Sandbox.Repo, Home.Path, "sessions", "new", "--agent", "claude-code", "--permission-mode", "ask", "--prompt", "write hello.txt");
        Assert.True(exit == ExitCodes.ToolCallsRefused, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.False(File.Exists(hello));
        Assert.DoesNotContain("added hello.txt", stdout, StringComparison.Ordinal);
        Assert.Contains("[edit] Write", stdout, StringComparison.Ordinal);
        Assert.Contains("-- turn ", stdout, StringComparison.Ordinal);
        Assert.Contains("The session's permission mode refused 1 tool call: Write", stderr, StringComparison.Ordinal);
        Assert.Contains("--permission-mode acceptEdits", stderr, StringComparison.Ordinal);
        var sessionId = stdout.Split('\n')[0].Trim();

        // The same turn again with --json: the events, the turn's result, then the error object, exit 8.
        Model.EnqueueTurn(ScriptStep.ToolCall("Write", $$"""{"file_path":"{{hello}}","content":"hi\n"}"""), ScriptStep.Text("Still not allowed."));
        (exit, stdout, stderr) = await MaestroProcess.RunAsync(Home.Path, "sessions", "prompt", sessionId, "try again", "--json");
        Assert.True(exit == ExitCodes.ToolCallsRefused, $"exit {exit}\n{stdout}\n{stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("endTurn", lines[^2].GetProperty("stopReason").GetString());
        Assert.Equal(ExitCodes.ToolCallsRefused, lines[^1].GetProperty("error").GetProperty("exitCode").GetInt32());

        // Allowed (acceptEdits), the change is printed once the Write succeeded; -q keeps stderr to errors only.
        Model.EnqueueTurn(ScriptStep.ToolCall("Write", $$"""{"file_path":"{{hello}}","content":"hi\n"}"""), ScriptStep.Text("Written."));
        (exit, stdout, stderr) = await MaestroProcess.RunInAsync(Sandbox.Repo, Home.Path, "sessions", "new", "-q", "--agent", "claude-code", "--permission-mode", "acceptEdits", "--prompt", "write hello.txt");
        Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
        Assert.True(File.Exists(hello));
        Assert.Contains("  added hello.txt", stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public async Task A_refused_request_with_json_is_the_error_object_naming_its_kind()
    {
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(Home.Path, "sessions", "cancel", "s_nope", "--json");
        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout);
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal(1, error.GetProperty("exitCode").GetInt32());
        Assert.True(error.GetProperty("code").GetInt32() < 0);
        Assert.Equal("SessionNotFound", error.GetProperty("kind").GetString());
        Assert.Contains("s_nope", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
