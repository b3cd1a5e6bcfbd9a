using Maestro.Protocol;
using Maestro.Server.Agents.ClaudeCode;
using Maestro.Server.Agents.Codex;
using Maestro.Server.Agents.OpenCode;
using Maestro.TestSupport.Agents;

namespace Maestro.Server.Tests.Agents;

/// <summary>The adapters' parsers on the real CLIs' recorded output (tests/fixtures/agents), line by line.</summary>
public sealed class RecordedOutputParserTests
{
    private static string[] Lines(string agent, string scenario)
        => File.ReadAllLines(Path.Combine(RepoRoot.Path, "tests", "fixtures", "agents", agent, scenario + ".jsonl"));

    [Fact]
    public void Claude_code_write_file_gives_a_session_id_tool_call_file_change_message_and_usage()
    {
        var parser = new ClaudeStreamParser("/tmp/maestro-tests/claude-8ab19d8cb1/repo");
        var events = Lines("claude-code", "write-file").SelectMany(parser.Parse).ToList();
        Assert.NotNull(parser.AgentSessionId);
        Assert.Contains(events, e => e is ToolCallEvent { Kind: "edit" });
        Assert.Contains(events, e => e is ToolCallUpdateEvent);
        Assert.Contains(events, e => e is FileChangeEvent { Path: "hello.txt" });
        Assert.Contains(events, e => e is MessageEvent);
        Assert.Equal(StopReason.EndTurn, parser.Outcome?.StopReason);
        Assert.True(parser.Outcome!.Usage.InputTokens > 0);
        Assert.Empty(parser.Garbage);
    }

    [Fact]
    public void Codex_write_file_gives_a_thread_id_command_message_and_usage()
    {
        var parser = new CodexStreamParser("/tmp");
        var events = Lines("codex", "write-file").SelectMany(parser.Parse).ToList();
        Assert.NotNull(parser.AgentSessionId);
        Assert.Contains(events, e => e is ToolCallEvent { Kind: "execute" });
        Assert.Contains(events, e => e is ToolCallUpdateEvent { Status: ToolCallStatus.Completed });
        Assert.Contains(events, e => e is MessageEvent { Role: "assistant" });
        Assert.Equal(StopReason.EndTurn, parser.Outcome?.StopReason);
        Assert.Equal(2400, parser.Outcome!.Usage.InputTokens);
    }

    [Theory]
    [InlineData("http-500")]
    [InlineData("stream-idle-timeout")]
    public void Codex_failures_end_in_an_error_with_codex_s_message(string scenario)
    {
        var parser = new CodexStreamParser("/tmp");
        _ = Lines("codex", scenario).SelectMany(parser.Parse).ToList();
        Assert.Equal(StopReason.Error, parser.Outcome?.StopReason);
        Assert.StartsWith("Codex: ", parser.Outcome!.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Opencode_write_file_gives_a_session_id_tool_call_file_change_message_and_usage()
    {
        var parser = new OpenCodeStreamParser("/tmp/maestro-tests/opencode-6a5f58be35/repo");
        var events = Lines("opencode", "write-file").SelectMany(parser.Parse).ToList();
        Assert.StartsWith("ses_", parser.AgentSessionId, StringComparison.Ordinal);
        Assert.Contains(events, e => e is ToolCallEvent { Kind: "edit" });
        Assert.Contains(events, e => e is FileChangeEvent { Path: "hello.txt", Change: FileChangeKind.Added });
        Assert.Contains(events, e => e is MessageEvent);
        Assert.Equal(StopReason.EndTurn, parser.Outcome?.StopReason);
        Assert.Equal(2400, parser.Outcome!.Usage.InputTokens);
    }

    [Fact]
    public void Opencode_api_error_fails_the_turn()
    {
        var parser = new OpenCodeStreamParser("/tmp");
        _ = Lines("opencode", "http-401").SelectMany(parser.Parse).ToList();
        Assert.Equal(StopReason.Error, parser.Outcome?.StopReason);
        Assert.Contains("401", parser.Outcome!.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Claude_code_refusals_are_marked_once_from_the_tool_result_or_else_from_the_results_permission_denials()
    {
        var parser = new ClaudeStreamParser("/tmp");
        string[] lines =
        [
            """{"type":"assistant","message":{"content":[{"type":"tool_use","id":"t1","name":"Bash","input":{"command":"make release"}},{"type":"tool_use","id":"t2","name":"WebFetch","input":{"url":"https://example.invalid"}}]}}""",
            """{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t1","is_error":true,"content":"Claude requested permissions to use Bash, but you haven't granted it yet."}]}}""",
            """{"type":"user","message":{"content":[{"type":"tool_result","tool_use_id":"t2","is_error":true,"content":"The fetch was denied."}]}}""",
            """{"type":"result","subtype":"success","is_error":false,"result":"No.","permission_denials":[{"tool_name":"Bash","tool_use_id":"t1","tool_input":{"command":"make release"}},{"tool_name":"WebFetch","tool_use_id":"t2","tool_input":{}}],"usage":{"input_tokens":1,"output_tokens":1}}""",
        ];
        var updates = lines.SelectMany(parser.Parse).OfType<ToolCallUpdateEvent>().ToList();

        Assert.Equal([("t1", true), ("t2", false), ("t2", true)], updates.Select(u => (u.ToolCallId, u.Refused == true)));
        Assert.All(updates, u => Assert.Equal(ToolCallStatus.Failed, u.Status));
        Assert.Equal("Refused by the permission mode (WebFetch).", updates[^1].Output);
    }

    [Fact]
    public void Garbage_lines_are_kept_for_the_error_report_and_do_not_throw()
    {
        var parser = new ClaudeStreamParser("/tmp");
        Assert.Empty(parser.Parse("this is not json"));
        Assert.Empty(parser.Parse("[1,2,3]"));
        Assert.Empty(parser.Parse("{\"type\":\"assistant\",\"message\":42}"));
        Assert.Equal(2, parser.Garbage.Count);
        Assert.Null(parser.Outcome);
    }
}
