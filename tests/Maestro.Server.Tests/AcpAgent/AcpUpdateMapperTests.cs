using System.Text.Json;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.AcpAgent;

namespace Maestro.Server.Tests.AcpAgent;

/// <summary>Maestro session events as ACP session/update objects: what an editor's chat and diff review read.</summary>
public sealed class AcpUpdateMapperTests
{
    private static readonly Dictionary<string, string> Files = new() { ["/repo/old.txt"] = "before\n" };

    private static AcpUpdateMapper Mapper() => new("/repo", path => Files.GetValueOrDefault(path));

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Deltas_become_message_and_thought_chunks_and_the_final_message_is_not_sent_twice()
    {
        var mapper = Mapper();
        var thought = Assert.Single(mapper.Map(new MessageDeltaEvent { Text = "hmm", Role = "thought" }, replay: false));
        Assert.Equal("agent_thought_chunk", (string?)thought["sessionUpdate"]);
        Assert.Equal("hmm", (string?)thought["content"]!["text"]);
        var chunk = Assert.Single(mapper.Map(new MessageDeltaEvent { Text = "Hel" }, replay: false));
        Assert.Equal("agent_message_chunk", (string?)chunk["sessionUpdate"]);
        Assert.Equal("text", (string?)chunk["content"]!["type"]);
        Assert.Empty(mapper.Map(new MessageEvent { Text = "Hello", Html = "<p>Hello</p>" }, replay: false));

        // A message that was not streamed (a replayed one, or from an agent without deltas) is sent whole.
        var whole = Assert.Single(mapper.Map(new MessageEvent { Text = "Done.", Html = "<p>Done.</p>" }, replay: false));
        Assert.Equal("Done.", (string?)whole["content"]!["text"]);
    }

    [Fact]
    public void Usage_becomes_a_usage_update_with_the_agents_context_window_and_the_cost_so_far_once_the_window_is_known()
    {
        var mapper = Mapper();
        var turn = new Usage { InputTokens = 1_000, CacheReadTokens = 20_000, CacheWriteTokens = 500, OutputTokens = 300, CostUsd = 0.25m };
        Assert.Empty(mapper.Map(new UsageEvent { Usage = turn }, replay: false)); // no window known: ACP requires a size

        mapper.ContextWindow = 200_000;
        var update = Assert.Single(mapper.Map(new UsageEvent { Usage = turn }, replay: false));
        Assert.Equal("usage_update", (string?)update["sessionUpdate"]);
        Assert.Equal((21_800L, 200_000L), ((long)update["used"]!, (long)update["size"]!));
        // The cost is the session's so far, the turn before the window was known included.
        Assert.Equal((0.5, "USD"), ((double)update["cost"]!["amount"]!, (string?)update["cost"]!["currency"]));

        var overfull = Assert.Single(mapper.Map(new UsageEvent { Usage = turn with { InputTokens = 500_000 } }, replay: false));
        Assert.Equal(200_000L, (long)overfull["used"]!);
    }

    [Fact]
    public void Prompts_are_shown_only_when_history_is_replayed()
    {
        var mapper = Mapper();
        Assert.Empty(mapper.Map(new PromptEvent { TurnId = "t1", Text = "hi" }, replay: false));
        var replayed = Assert.Single(mapper.Map(new PromptEvent { TurnId = "t1", Text = "hi" }, replay: true));
        Assert.Equal("user_message_chunk", (string?)replayed["sessionUpdate"]);
        Assert.Equal("hi", (string?)replayed["content"]!["text"]);
    }

    [Fact]
    public void A_whole_file_write_is_a_tool_call_with_its_location_and_a_diff_against_the_text_on_disk()
    {
        var mapper = Mapper();
        var call = Assert.Single(mapper.Map(
            new ToolCallEvent { ToolCallId = "tc1", Kind = "edit", Title = "Write old.txt", Input = Json("""{"file_path":"old.txt","content":"after\n"}"""), Status = ToolCallStatus.InProgress },
            replay: false));
        Assert.Equal("tool_call", (string?)call["sessionUpdate"]);
        Assert.Equal("tc1", (string?)call["toolCallId"]);
        Assert.Equal("edit", (string?)call["kind"]);
        Assert.Equal("in_progress", (string?)call["status"]);
        Assert.Equal("/repo/old.txt", (string?)call["locations"]![0]!["path"]);
        var diff = call["content"]![0]!;
        Assert.Equal("diff", (string?)diff["type"]);
        Assert.Equal("/repo/old.txt", (string?)diff["path"]);
        Assert.Equal("before\n", (string?)diff["oldText"]);
        Assert.Equal("after\n", (string?)diff["newText"]);

        // ACP replaces a tool call's content on update: the diff comes again, with the output after it.
        var done = Assert.Single(mapper.Map(new ToolCallUpdateEvent { ToolCallId = "tc1", Status = ToolCallStatus.Completed, Output = "ok" }, replay: false));
        Assert.Equal("tool_call_update", (string?)done["sessionUpdate"]);
        Assert.Equal("completed", (string?)done["status"]);
        Assert.Equal("diff", (string?)done["content"]![0]!["type"]);
        Assert.Equal("ok", (string?)done["content"]![1]!["content"]!["text"]);
    }

    [Fact]
    public void A_new_file_has_no_old_text_and_a_replacement_edit_is_its_two_strings()
    {
        var mapper = Mapper();
        var created = mapper.Map(new ToolCallEvent { ToolCallId = "a", Kind = "edit", Title = "Write", Input = Json("""{"filePath":"/repo/new.txt","content":"x"}""") }, replay: false)[0];
        Assert.Null(created["content"]![0]!["oldText"]);
        Assert.Equal("pending", (string?)created["status"]);

        var edited = mapper.Map(new ToolCallEvent { ToolCallId = "b", Kind = "edit", Title = "Edit", Input = Json("""{"file_path":"/repo/a.cs","old_string":"int a;","new_string":"long a;"}""") }, replay: false)[0];
        Assert.Equal("int a;", (string?)edited["content"]![0]!["oldText"]);
        Assert.Equal("long a;", (string?)edited["content"]![0]!["newText"]);
    }

    [Fact]
    public void Other_tools_keep_their_kind_and_input_without_a_diff_and_unknown_kinds_are_other()
    {
        var mapper = Mapper();
        var read = mapper.Map(new ToolCallEvent { ToolCallId = "r", Kind = "read", Title = "Read a.cs", Input = Json("""{"file_path":"/repo/a.cs"}""") }, replay: false)[0];
        Assert.Null(read["content"]);
        Assert.Equal("/repo/a.cs", (string?)read["locations"]![0]!["path"]);
        Assert.Equal("/repo/a.cs", (string?)read["rawInput"]!["file_path"]);
        var odd = mapper.Map(new ToolCallEvent { ToolCallId = "o", Kind = "mystery", Title = "?" }, replay: false)[0];
        Assert.Equal("other", (string?)odd["kind"]);
        Assert.Null(odd["locations"]);
        var failed = mapper.Map(new ToolCallUpdateEvent { ToolCallId = "o", Status = ToolCallStatus.Failed }, replay: false)[0];
        Assert.Equal("failed", (string?)failed["status"]);
        Assert.Null(failed["content"]);
    }

    [Fact]
    public void A_plan_uses_ACP_statuses_and_a_priority_for_every_entry()
    {
        var plan = Mapper().Map(new PlanEvent
        {
            Entries =
            [
                new PlanEntry { Content = "one", Status = "completed", Priority = "high" },
                new PlanEntry { Content = "two", Status = "inProgress" },
                new PlanEntry { Content = "three", Status = "pending", Priority = "urgent" },
            ],
        }, replay: false)[0];
        Assert.Equal("plan", (string?)plan["sessionUpdate"]);
        var entries = plan["entries"]!.AsArray().Select(e => ((string?)e!["content"], (string?)e["status"], (string?)e["priority"])).ToList();
        Assert.Equal([("one", "completed", "high"), ("two", "in_progress", "medium"), ("three", "pending", "medium")], entries);
    }

    [Fact]
    public void Errors_are_shown_and_kept_for_the_failed_turn_and_status_usage_and_permissions_send_nothing()
    {
        var mapper = Mapper();
        var error = Assert.Single(mapper.Map(new ErrorEvent { Message = "claude is not installed" }, replay: false));
        Assert.Contains("claude is not installed", (string?)error["content"]!["text"]);
        Assert.Equal("claude is not installed", mapper.LastError);
        Assert.Empty(mapper.Map(new StatusEvent { Status = SessionStatus.Idle, StopReason = StopReason.EndTurn }, replay: false));
        Assert.Empty(mapper.Map(new UsageEvent { Usage = Usage.Zero }, replay: false));
        Assert.Empty(mapper.Map(new PermissionRequestEvent { ToolCall = new PermissionToolCall { Id = "p", Title = "t", Kind = "edit" }, Options = [] }, replay: false));
        Assert.Empty(mapper.Map(new PromptEvent { TurnId = "t2", Text = "again" }, replay: false));
        Assert.Null(mapper.LastError);
    }
}
