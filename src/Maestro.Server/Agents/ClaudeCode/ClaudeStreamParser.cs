using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Agents.Running;
using static Maestro.Server.Agents.JsonLines;

namespace Maestro.Server.Agents.ClaudeCode;

/// <summary>
/// Reads Claude Code's <c>stream-json</c> lines: <c>system/init</c> (session id), <c>stream_event</c>
/// (deltas), <c>assistant</c> (text and tool_use blocks), <c>user</c> (tool results) and the final
/// <c>result</c>. The result's <c>is_error</c>, not its <c>subtype</c>, says whether the turn failed.
/// </summary>
public sealed class ClaudeStreamParser : JsonLinesStreamParser
{
    public ClaudeStreamParser(string workingDirectory)
        : base(workingDirectory)
    {
    }

    protected override IReadOnlyList<SessionEvent> Read(JsonElement root)
    {
        if (root.TryGetProperty("session_id", out var sid) && sid.ValueKind == JsonValueKind.String)
        {
            AgentSessionId = sid.GetString();
        }

        return Str(root, "type") switch
        {
            "stream_event" => ParseStreamEvent(root),
            "assistant" => ParseAssistant(root),
            "user" => ParseToolResults(root),
            "result" => ParseResult(root),
            _ => [],
        };
    }

    private static IReadOnlyList<SessionEvent> ParseStreamEvent(JsonElement root)
    {
        if (root.TryGetProperty("event", out var e)
            && Str(e, "type") == "content_block_delta"
            && e.TryGetProperty("delta", out var delta))
        {
            switch (Str(delta, "type"))
            {
                case "text_delta" when Str(delta, "text") is { Length: > 0 } text:
                    return [new MessageDeltaEvent { Text = text }];
                case "thinking_delta" when Str(delta, "thinking") is { Length: > 0 } thought:
                    return [new MessageDeltaEvent { Text = thought, Role = "thought" }];
            }
        }

        return [];
    }

    private List<SessionEvent> ParseAssistant(JsonElement root)
    {
        var events = new List<SessionEvent>();
        if (!root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return events;
        }

        foreach (var block in content.EnumerateArray())
        {
            switch (Str(block, "type"))
            {
                case "text" when Str(block, "text") is { Length: > 0 } text:
                    events.Add(Message(text));
                    break;
                case "thinking" when Str(block, "thinking") is { Length: > 0 } thought:
                    events.Add(Message(thought, "thought"));
                    break;
                case "tool_use":
                    events.AddRange(ToolUse(block));
                    break;
            }
        }

        return events;
    }

    private List<SessionEvent> ToolUse(JsonElement block)
    {
        var name = Str(block, "name") ?? "tool";
        var input = block.TryGetProperty("input", out var i) ? i.Clone() : (JsonElement?)null;
        var events = new List<SessionEvent>
        {
            new ToolCallEvent { ToolCallId = Str(block, "id") ?? NewToolCallId(), Kind = ToolKinds.Of(name), Title = Title(name, input), Input = input, Status = ToolCallStatus.InProgress },
        };

        if (input is { ValueKind: JsonValueKind.Object } args)
        {
            if (name is "Write" or "Edit" or "MultiEdit" or "NotebookEdit" && (Str(args, "file_path") ?? Str(args, "notebook_path")) is { } path)
            {
                // The tool has not run yet: whether the file exists now tells an addition from a change.
                var full = FullPath(path);
                events.Add(new FileChangeEvent { Path = DisplayPath(full), Change = File.Exists(full) ? FileChangeKind.Modified : FileChangeKind.Added });
            }

            if (name == "TodoWrite" && args.TryGetProperty("todos", out var todos) && todos.ValueKind == JsonValueKind.Array)
            {
                events.Add(new PlanEvent
                {
                    Entries = todos.EnumerateArray().Select(t => new PlanEntry
                    {
                        Content = Str(t, "content") ?? string.Empty,
                        Status = Str(t, "status") switch { "in_progress" => "inProgress", "completed" => "completed", _ => "pending" },
                        Priority = Str(t, "priority"),
                    }).ToList(),
                });
            }
        }

        return events;
    }

    /// <summary>
    /// Tool calls already reported refused, so the result's <c>permission_denials</c> (the authoritative list) adds only
    /// those whose tool result did not read as a refusal.
    /// </summary>
    private readonly HashSet<string> refused = new(StringComparer.Ordinal);

    private List<SessionEvent> ParseToolResults(JsonElement root)
    {
        var events = new List<SessionEvent>();
        if (!root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return events;
        }

        foreach (var block in content.EnumerateArray())
        {
            if (Str(block, "type") != "tool_result")
            {
                continue;
            }

            var failed = block.TryGetProperty("is_error", out var isError) && isError.ValueKind == JsonValueKind.True;
            var id = Str(block, "tool_use_id") ?? string.Empty;
            var output = ResultText(block);
            // Claude Code's own words when its permission mode refuses a call in print mode.
            var wasRefused = failed && output.Contains("requested permissions to use", StringComparison.Ordinal) && refused.Add(id);
            events.Add(new ToolCallUpdateEvent
            {
                ToolCallId = id,
                Status = failed ? ToolCallStatus.Failed : ToolCallStatus.Completed,
                Output = Truncate(output),
                Refused = wasRefused ? true : null,
            });
        }

        return events;
    }

    private List<SessionEvent> ParseResult(JsonElement root)
    {
        var usage = ReadUsage(root);
        var isError = root.TryGetProperty("is_error", out var e) && e.ValueKind == JsonValueKind.True;
        var subtype = Str(root, "subtype") ?? string.Empty;
        var terminal = Str(root, "terminal_reason") ?? string.Empty;
        StopReason stop;
        string? error = null;
        if (subtype.Contains("max_turns", StringComparison.Ordinal) || terminal.Contains("max_turns", StringComparison.Ordinal))
        {
            stop = StopReason.MaxTurns;
        }
        else if (isError)
        {
            stop = StopReason.Error;
            error = Str(root, "result") is { Length: > 0 } text ? text : $"Claude Code reported an error ({subtype}{(terminal.Length > 0 ? ", " + terminal : string.Empty)}).";
        }
        else
        {
            stop = StopReason.EndTurn;
        }

        Outcome = new TurnOutcome(stop, usage, error);
        var events = new List<SessionEvent>();
        if (root.TryGetProperty("permission_denials", out var denials) && denials.ValueKind == JsonValueKind.Array)
        {
            foreach (var denial in denials.EnumerateArray())
            {
                if (Str(denial, "tool_use_id") is { Length: > 0 } id && refused.Add(id))
                {
                    events.Add(new ToolCallUpdateEvent { ToolCallId = id, Status = ToolCallStatus.Failed, Output = $"Refused by the permission mode ({Str(denial, "tool_name") ?? "tool"}).", Refused = true });
                }
            }
        }

        events.Add(new UsageEvent { Usage = usage });
        return events;
    }

    private static Usage ReadUsage(JsonElement root)
    {
        var cost = Decimal(root, "total_cost_usd");
        if (!root.TryGetProperty("usage", out var u) || u.ValueKind != JsonValueKind.Object)
        {
            return new Usage { CostUsd = cost };
        }

        return new Usage
        {
            InputTokens = Long(u, "input_tokens"),
            OutputTokens = Long(u, "output_tokens"),
            CacheReadTokens = Long(u, "cache_read_input_tokens"),
            CacheWriteTokens = Long(u, "cache_creation_input_tokens"),
            CostUsd = cost,
        };
    }

    private static string ResultText(JsonElement block)
    {
        if (!block.TryGetProperty("content", out var content))
        {
            return string.Empty;
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString() ?? string.Empty,
            JsonValueKind.Array => string.Join('\n', content.EnumerateArray().Select(part => Str(part, "text")).Where(t => t is not null)),
            _ => content.GetRawText(),
        };
    }

    private static string Title(string name, JsonElement? input)
    {
        if (input is not { ValueKind: JsonValueKind.Object } args)
        {
            return name;
        }

        var detail = Str(args, "file_path") ?? Str(args, "command") ?? Str(args, "pattern") ?? Str(args, "url") ?? Str(args, "description");
        return detail is null ? name : $"{name}: {Shorten(detail)}";
    }
}
