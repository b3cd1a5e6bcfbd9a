using System.Text.Json;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Agents.Acp;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// Turns one Maestro session's events into the <c>update</c> objects of ACP <c>session/update</c>, in order. It keeps
/// what a later event needs from an earlier one: whether a message was already streamed as deltas (its final
/// <see cref="MessageEvent"/> then adds nothing), and each edit's diff (ACP replaces a tool call's content on update,
/// so the diff is sent again with the output). One instance per session, called from one task at a time.
/// </summary>
public sealed class AcpUpdateMapper
{
    /// <summary>ACP's tool kinds; Maestro's use the same names, anything else is "other".</summary>
    private static readonly HashSet<string> ToolKindNames = ["read", "edit", "delete", "move", "search", "execute", "think", "fetch", "switch_mode", "other"];

    private string cwd;
    private readonly Func<string, string?> readFile;
    private readonly HashSet<string> streamedRoles = [];
    private readonly Dictionary<string, JsonObject> diffs = [];
    private decimal totalCost;

    /// <param name="cwd">The session's folder: relative paths in tool input are resolved against it (ACP paths are absolute).</param>
    /// <param name="readFile">Reads a file's current text, or null; gives a whole-file write its old text.</param>
    public AcpUpdateMapper(string cwd, Func<string, string?> readFile)
    {
        this.cwd = cwd;
        this.readFile = readFile;
    }

    /// <summary>The session moved to another folder (<c>/worktree</c>): later relative paths are resolved there.</summary>
    public void MovedTo(string folder) => Volatile.Write(ref cwd, folder);

    /// <summary>
    /// The context window of the session's agent in tokens (<c>agents/list</c>'s report); null sends no
    /// <c>usage_update</c>, whose size ACP requires.
    /// </summary>
    public long? ContextWindow { get; set; }

    /// <summary>The last error the session reported, for the error answer of a failed turn.</summary>
    public string? LastError { get; private set; }

    /// <summary>The updates for one event; <paramref name="replay"/> when history is replayed (session/load), which also shows the user's prompts.</summary>
    public IReadOnlyList<JsonObject> Map(SessionEvent e, bool replay)
    {
        switch (e)
        {
            case PromptEvent prompt:
                streamedRoles.Clear();
                LastError = null;
                return replay ? [Chunk(AcpWire.Updates.UserMessageChunk, prompt.Text)] : [];
            case MessageDeltaEvent delta when delta.Text.Length > 0:
                streamedRoles.Add(delta.Role);
                return [Chunk(ChunkKind(delta.Role), delta.Text)];
            case MessageEvent message:
                // Streamed already as deltas: the whole text would show the message twice.
                return streamedRoles.Remove(message.Role) || message.Text.Length == 0 ? [] : [Chunk(ChunkKind(message.Role), message.Text)];
            case ToolCallEvent call:
                return [ToolCall(call)];
            case ToolCallUpdateEvent update:
                return [ToolCallUpdate(update)];
            case PlanEvent plan:
                return [Plan(plan)];
            case UsageEvent usage:
                totalCost += usage.Usage.CostUsd;
                return ContextWindow is { } size ? [Usage(usage.Usage, size)] : [];
            case ErrorEvent error:
                LastError = error.Message;
                return [Chunk(AcpWire.Updates.AgentMessageChunk, "Error: " + error.Message)];
            default:
                // Status, usage, outages and recorded permission answers have no session/update of their own: the
                // stop reason answers session/prompt and permissions are asked with session/request_permission.
                return [];
        }
    }

    private static string ChunkKind(string role) => role == "thought" ? AcpWire.Updates.AgentThoughtChunk : AcpWire.Updates.AgentMessageChunk;

    private static JsonObject Chunk(string kind, string text) => new()
    {
        ["sessionUpdate"] = kind,
        ["content"] = new JsonObject { ["type"] = "text", ["text"] = text },
    };

    private JsonObject ToolCall(ToolCallEvent call)
    {
        var update = new JsonObject
        {
            ["sessionUpdate"] = AcpWire.Updates.ToolCall,
            ["toolCallId"] = call.ToolCallId,
            ["title"] = call.Title,
            ["kind"] = ToolKindNames.Contains(call.Kind) ? call.Kind : "other",
            ["status"] = Status(call.Status),
        };
        if (call.Input is { ValueKind: JsonValueKind.Object } input)
        {
            update["rawInput"] = JsonNode.Parse(input.GetRawText());
            if (PathOf(input) is { } path)
            {
                update["locations"] = new JsonArray(new JsonObject { ["path"] = path });
                if (call.Kind == "edit" && Diff(path, input) is { } diff)
                {
                    diffs[call.ToolCallId] = diff;
                    update["content"] = new JsonArray(diff.DeepClone());
                }
            }
        }

        return update;
    }

    private JsonObject ToolCallUpdate(ToolCallUpdateEvent update)
    {
        var result = new JsonObject
        {
            ["sessionUpdate"] = AcpWire.Updates.ToolCallUpdate,
            ["toolCallId"] = update.ToolCallId,
            ["status"] = Status(update.Status),
        };
        var content = new JsonArray();
        if (diffs.TryGetValue(update.ToolCallId, out var diff))
        {
            content.Add(diff.DeepClone());
        }

        if (!string.IsNullOrEmpty(update.Output))
        {
            content.Add(new JsonObject { ["type"] = "content", ["content"] = new JsonObject { ["type"] = "text", ["text"] = update.Output } });
        }

        if (content.Count > 0)
        {
            result["content"] = content;
        }

        return result;
    }

    private static JsonObject Plan(PlanEvent plan) => new()
    {
        ["sessionUpdate"] = AcpWire.Updates.Plan,
        ["entries"] = new JsonArray(plan.Entries.Select(entry => (JsonNode)new JsonObject
        {
            ["content"] = entry.Content,
            ["priority"] = entry.Priority is "high" or "medium" or "low" ? entry.Priority : "medium",
            ["status"] = entry.Status switch
            {
                "inProgress" or "in_progress" => AcpWire.Statuses.InProgress,
                "completed" => AcpWire.Statuses.Completed,
                _ => AcpWire.Statuses.Pending,
            },
        }).ToArray()),
    };

    private static string Status(ToolCallStatus status) => status switch
    {
        ToolCallStatus.InProgress => AcpWire.Statuses.InProgress,
        ToolCallStatus.Completed => AcpWire.Statuses.Completed,
        ToolCallStatus.Failed => AcpWire.Statuses.Failed,
        _ => AcpWire.Statuses.Pending,
    };

    /// <summary>The file a tool works on, absolute: Claude Code says file_path, OpenCode filePath, others path.</summary>
    private string? PathOf(JsonElement input)
    {
        foreach (var name in (string[])["file_path", "filePath", "notebook_path", "path"])
        {
            if (input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } path)
            {
                return Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(cwd, path));
            }
        }

        return null;
    }

    /// <summary>
    /// An edit as ACP <c>diff</c> content: a replacement (old_string/new_string) as it is, a whole-file write as the
    /// file's text now against the new text. The write's event can reach Maestro after the tool ran: a file that
    /// already holds the new text is shown as created (no old text) rather than as an empty change.
    /// </summary>
    private JsonObject? Diff(string path, JsonElement input)
    {
        if (Text(input, "old_string", "oldString") is { } oldText && Text(input, "new_string", "newString") is { } newText)
        {
            return DiffContent(path, oldText, newText);
        }

        if (Text(input, "content", "contents") is { } content)
        {
            var current = readFile(path);
            return DiffContent(path, current == content ? null : current, content);
        }

        return null;
    }

    private static JsonObject DiffContent(string path, string? oldText, string newText) => new()
    {
        ["type"] = "diff",
        ["path"] = path,
        ["oldText"] = oldText,
        ["newText"] = newText,
    };

    private static string? Text(JsonElement input, string name, string alternative)
        => (input.TryGetProperty(name, out var v) || input.TryGetProperty(alternative, out v)) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>
    /// ACP's <c>usage_update</c>: the context used after the turn, read from its usage (the prompt's tokens, cached or
    /// not, and the answer's: what the next request starts from), and the session's cost so far. A turn of several
    /// model requests reports its sums, so this overstates a long turn's context; no backend reports the last
    /// request's alone.
    /// </summary>
    private JsonObject Usage(Usage usage, long size) => new()
    {
        ["sessionUpdate"] = AcpWire.Updates.UsageUpdate,
        ["used"] = Math.Min(size, usage.InputTokens + usage.CacheReadTokens + usage.CacheWriteTokens + usage.OutputTokens),
        ["size"] = size,
        ["cost"] = new JsonObject { ["amount"] = (double)totalCost, ["currency"] = "USD" },
    };
}
