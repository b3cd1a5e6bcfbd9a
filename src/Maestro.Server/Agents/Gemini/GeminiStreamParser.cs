using System.Text;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Agents.Running;
using static Maestro.Server.Agents.JsonLines;

namespace Maestro.Server.Agents.Gemini;

/// <summary>
/// Reads Gemini CLI's <c>stream-json</c>: <c>init</c> (session id), <c>message</c> (user echo, assistant
/// deltas), <c>tool_use</c>, <c>tool_result</c>, <c>error</c> and the final <c>result</c> with stats.
/// Assistant deltas are streamed as they come and joined into one message when the next event starts.
/// </summary>
public sealed class GeminiStreamParser : JsonLinesStreamParser
{
    private readonly StringBuilder pending = new();
    private readonly Dictionary<string, string> toolNames = new(StringComparer.Ordinal);

    public GeminiStreamParser(string workingDirectory)
        : base(workingDirectory)
    {
    }

    protected override IReadOnlyList<SessionEvent> Read(JsonElement root)
    {
        var type = Str(root, "type");
        if (type == "message" && Str(root, "role") == "assistant" && Str(root, "content") is { } delta)
        {
            pending.Append(delta);
            return [new MessageDeltaEvent { Text = delta }];
        }

        var events = FlushMessage();
        switch (type)
        {
            case "init":
                AgentSessionId = Str(root, "session_id") ?? AgentSessionId;
                break;
            case "tool_use":
                events.AddRange(ToolUse(root));
                break;
            case "tool_result":
                var id = Str(root, "tool_id") ?? string.Empty;
                events.Add(new ToolCallUpdateEvent
                {
                    ToolCallId = id,
                    Status = Str(root, "status") == "success" ? ToolCallStatus.Completed : ToolCallStatus.Failed,
                    Output = Truncate(Str(root, "output") ?? (TryObject(root, "error", out var err) ? Str(err, "message") : null) ?? string.Empty),
                });
                break;
            case "error":
                var message = Str(root, "message") ?? "error";
                events.Add(Message(message, "notice"));
                break;
            case "result":
                var usage = TryObject(root, "stats", out var stats)
                    ? new Usage { InputTokens = Long(stats, "input_tokens"), OutputTokens = Long(stats, "output_tokens"), CacheReadTokens = Long(stats, "cached") }
                    : Usage.Zero;
                Outcome = Str(root, "status") == "success"
                    ? new TurnOutcome(StopReason.EndTurn, usage)
                    : new TurnOutcome(StopReason.Error, usage, "Gemini CLI: " + (TryObject(root, "error", out var e) ? Str(e, "message") : null ?? "the turn failed."));
                events.Add(new UsageEvent { Usage = usage });
                break;
        }

        return events;
    }

    private List<SessionEvent> FlushMessage()
    {
        if (pending.Length == 0)
        {
            return [];
        }

        var text = pending.ToString();
        pending.Clear();
        return [Message(text)];
    }

    private List<SessionEvent> ToolUse(JsonElement root)
    {
        var name = Str(root, "tool_name") ?? "tool";
        var id = Str(root, "tool_id") ?? NewToolCallId();
        toolNames[id] = name;
        var input = root.TryGetProperty("parameters", out var p) ? p.Clone() : (JsonElement?)null;
        var detail = input is { ValueKind: JsonValueKind.Object } args ? Str(args, "file_path") ?? Str(args, "command") ?? Str(args, "description") : null;
        var events = new List<SessionEvent>
        {
            new ToolCallEvent { ToolCallId = id, Kind = ToolKinds.Of(name), Title = detail is null ? name : $"{name}: {detail}", Input = input, Status = ToolCallStatus.InProgress },
        };
        if (name is "write_file" or "replace" && input is { ValueKind: JsonValueKind.Object } a && Str(a, "file_path") is { } path)
        {
            var full = FullPath(path);
            events.Add(new FileChangeEvent { Path = DisplayPath(full), Change = File.Exists(full) ? FileChangeKind.Modified : FileChangeKind.Added });
        }

        return events;
    }
}
