using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Agents.Running;
using static Maestro.Server.Agents.JsonLines;

namespace Maestro.Server.Agents.OpenCode;

/// <summary>
/// Reads <c>opencode run --format json</c>: <c>step_start</c>, <c>text</c>, <c>tool_use</c>, <c>step_finish</c>
/// and <c>error</c>. There is no final result event: a turn ended well when the last <c>step_finish</c> has
/// reason <c>stop</c> and the process exits 0.
/// </summary>
public sealed class OpenCodeStreamParser : JsonLinesStreamParser
{
    private Usage usage = Usage.Zero;
    private string? lastFinishReason;
    private string? error;

    public OpenCodeStreamParser(string workingDirectory)
        : base(workingDirectory)
    {
    }

    /// <summary>What the stream said about the turn, once it is over.</summary>
    public override TurnOutcome? Outcome => error is not null
        ? new TurnOutcome(StopReason.Error, usage, "OpenCode: " + error)
        : lastFinishReason switch
        {
            "stop" or "end_turn" => new TurnOutcome(StopReason.EndTurn, usage),
            "length" or "max_tokens" => new TurnOutcome(StopReason.MaxTurns, usage),
            null => null,
            _ => new TurnOutcome(StopReason.Error, usage, $"OpenCode stopped with reason '{lastFinishReason}'."),
        };

    protected override IReadOnlyList<SessionEvent> Read(JsonElement root)
    {
        AgentSessionId = Str(root, "sessionID") ?? AgentSessionId;
        TryObject(root, "part", out var part);
        switch (Str(root, "type"))
        {
            case "text" when Str(part, "text") is { Length: > 0 } text:
                return [Message(text)];
            case "reasoning" when Str(part, "text") is { Length: > 0 } thought:
                return [Message(thought, "thought")];
            case "tool_use":
                return ToolUse(part);
            case "step_finish":
                lastFinishReason = Str(part, "reason");
                if (TryObject(part, "tokens", out var tokens))
                {
                    var step = new Usage
                    {
                        InputTokens = Long(tokens, "input"),
                        OutputTokens = Long(tokens, "output"),
                        CacheReadTokens = TryObject(tokens, "cache", out var cache) ? Long(cache, "read") : 0,
                        CacheWriteTokens = TryObject(tokens, "cache", out var cacheWrite) ? Long(cacheWrite, "write") : 0,
                        CostUsd = Decimal(part, "cost"),
                    };
                    usage = usage.Add(step);
                    return [new UsageEvent { Usage = step }];
                }

                return [];
            case "error":
                var data = TryObject(root, "error", out var e) && TryObject(e, "data", out var d) ? d : default;
                error = Str(data, "message") ?? (TryObject(root, "error", out var e2) ? Str(e2, "name") : null) ?? "the turn failed.";
                if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("statusCode", out var status) && status.TryGetInt32(out var code) && !error.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
                {
                    // The status is what tells an outage (429, 529) from a refusal (401): keep it in the text classifiers read.
                    error += $" (HTTP {code})";
                }

                return [];
            default:
                return [];
        }
    }

    private List<SessionEvent> ToolUse(JsonElement part)
    {
        var tool = Str(part, "tool") ?? "tool";
        var id = Str(part, "callID") ?? Str(part, "id") ?? NewToolCallId();
        TryObject(part, "state", out var state);
        var input = state.ValueKind == JsonValueKind.Object && state.TryGetProperty("input", out var i) ? i.Clone() : (JsonElement?)null;
        var status = Str(state, "status") switch { "completed" => ToolCallStatus.Completed, "error" => ToolCallStatus.Failed, "running" => ToolCallStatus.InProgress, _ => ToolCallStatus.Pending };
        var title = Str(state, "title") is { Length: > 0 } t ? $"{tool}: {t}" : tool;
        var events = new List<SessionEvent>
        {
            new ToolCallEvent { ToolCallId = id, Kind = ToolKinds.Of(tool), Title = title, Input = input, Status = ToolCallStatus.InProgress },
            new ToolCallUpdateEvent { ToolCallId = id, Status = status, Output = Truncate(Str(state, "output") ?? Str(state, "error") ?? string.Empty) },
        };
        if (tool is "write" or "edit" or "patch" && input is { ValueKind: JsonValueKind.Object } args && Str(args, "filePath") is { } path)
        {
            var existed = TryObject(state, "metadata", out var metadata) && metadata.TryGetProperty("exists", out var exists) && exists.ValueKind == JsonValueKind.True;
            events.Add(new FileChangeEvent { Path = DisplayPath(path), Change = tool == "write" && !existed ? FileChangeKind.Added : FileChangeKind.Modified });
        }

        return events;
    }
}
