using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Agents.Running;
using static Maestro.Server.Agents.JsonLines;

namespace Maestro.Server.Agents.Codex;

/// <summary>
/// Reads <c>codex exec --json</c>: <c>thread.started</c> (the thread id to resume), <c>turn.started</c>,
/// <c>item.started</c>/<c>item.completed</c> (agent_message, reasoning, command_execution, file_change,
/// todo_list, mcp_tool_call, web_search, error), <c>turn.completed</c> (usage), <c>turn.failed</c>, <c>error</c>.
/// </summary>
/// <remarks>The agent session id is the thread id, from <c>thread.started</c>.</remarks>
public sealed class CodexStreamParser : JsonLinesStreamParser
{
    public CodexStreamParser(string workingDirectory)
        : base(workingDirectory)
    {
    }

    protected override IReadOnlyList<SessionEvent> Read(JsonElement root)
    {
        switch (Str(root, "type"))
        {
            case "thread.started":
                AgentSessionId = Str(root, "thread_id") ?? AgentSessionId;
                return [];
            case "item.started" when TryObject(root, "item", out var item):
                return Started(item);
            case "item.updated" when TryObject(root, "item", out var item):
                return Started(item);
            case "item.completed" when TryObject(root, "item", out var item):
                return Completed(item);
            case "turn.completed":
                var usage = TryObject(root, "usage", out var u)
                    ? new Usage { InputTokens = Long(u, "input_tokens"), OutputTokens = Long(u, "output_tokens"), CacheReadTokens = Long(u, "cached_input_tokens"), CacheWriteTokens = Long(u, "cache_write_input_tokens") }
                    : Usage.Zero;
                Outcome = new TurnOutcome(StopReason.EndTurn, usage);
                return [new UsageEvent { Usage = usage }];
            case "turn.failed":
                var message = TryObject(root, "error", out var error) ? Str(error, "message") : null;
                Outcome = new TurnOutcome(StopReason.Error, Usage.Zero, "Codex: " + (message ?? "the turn failed."));
                return [];
            case "error":
                // Followed by turn.failed when fatal; on its own it is a notice (e.g. a reconnect).
                return [Message(Str(root, "message") ?? "error", "notice")];
            default:
                return [];
        }
    }

    private static List<SessionEvent> Started(JsonElement item)
    {
        var id = Str(item, "id") ?? NewToolCallId();
        return Str(item, "type") switch
        {
            "command_execution" => [new ToolCallEvent { ToolCallId = id, Kind = "execute", Title = "Run: " + Shorten(Str(item, "command")), Input = Input(item, "command"), Status = ToolCallStatus.InProgress }],
            "mcp_tool_call" => [new ToolCallEvent { ToolCallId = id, Kind = "other", Title = $"{Str(item, "server")}.{Str(item, "tool")}", Status = ToolCallStatus.InProgress }],
            "web_search" => [new ToolCallEvent { ToolCallId = id, Kind = "fetch", Title = "Search: " + Shorten(Str(item, "query")), Status = ToolCallStatus.InProgress }],
            _ => [],
        };
    }

    private static List<SessionEvent> Completed(JsonElement item)
    {
        var id = Str(item, "id") ?? NewToolCallId();
        switch (Str(item, "type"))
        {
            case "agent_message" when Str(item, "text") is { } text:
                return [Message(text)];
            case "reasoning" when Str(item, "text") is { } thought:
                return [Message(thought, "thought")];
            case "command_execution":
                var failed = Str(item, "status") == "failed" || (item.TryGetProperty("exit_code", out var code) && code.TryGetInt32(out var c) && c != 0);
                return [new ToolCallUpdateEvent { ToolCallId = id, Status = failed ? ToolCallStatus.Failed : ToolCallStatus.Completed, Output = Truncate(Str(item, "aggregated_output") ?? string.Empty) }];
            case "mcp_tool_call" or "web_search":
                return [new ToolCallUpdateEvent { ToolCallId = id, Status = Str(item, "status") == "failed" ? ToolCallStatus.Failed : ToolCallStatus.Completed }];
            case "file_change":
                var events = new List<SessionEvent> { new ToolCallEvent { ToolCallId = id, Kind = "edit", Title = "Apply patch", Status = Str(item, "status") == "failed" ? ToolCallStatus.Failed : ToolCallStatus.Completed } };
                if (item.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Array)
                {
                    foreach (var change in changes.EnumerateArray())
                    {
                        events.Add(new FileChangeEvent
                        {
                            Path = Str(change, "path") ?? "?",
                            Change = Str(change, "kind") switch { "add" => FileChangeKind.Added, "delete" => FileChangeKind.Deleted, _ => FileChangeKind.Modified },
                        });
                    }
                }

                return events;
            case "todo_list" when item.TryGetProperty("items", out var todos) && todos.ValueKind == JsonValueKind.Array:
                return [new PlanEvent { Entries = todos.EnumerateArray().Select(t => new PlanEntry { Content = Str(t, "text") ?? string.Empty, Status = t.TryGetProperty("completed", out var done) && done.ValueKind == JsonValueKind.True ? "completed" : "pending" }).ToList() }];
            case "error" when Str(item, "message") is { } notice:
                return [Message(notice, "notice")];
            default:
                return [];
        }
    }

    private static JsonElement? Input(JsonElement item, string name)
        => item.TryGetProperty(name, out var value) ? JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { [name] = value.Clone() }) : null;
}
