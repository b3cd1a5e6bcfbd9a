using System.Text;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Agents.Markdown;
using static Maestro.Server.Agents.JsonLines;

namespace Maestro.Server.Agents.Acp;

/// <summary>
/// Turns ACP <c>session/update</c> payloads into normalized events. Message and thought chunks stream as
/// deltas and are joined into one message when something else happens or the turn ends.
/// </summary>
public sealed class AcpUpdateTranslator
{
    private readonly string workingDirectory;
    private readonly StringBuilder message = new();
    private readonly StringBuilder thought = new();
    private readonly HashSet<string> changedFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> toolInputs = new(StringComparer.Ordinal);

    public AcpUpdateTranslator(string workingDirectory)
    {
        this.workingDirectory = workingDirectory;
    }

    /// <summary>The cost the agent reported so far in <c>usage_update</c>.</summary>
    public decimal CostUsd { get; private set; }

    public List<SessionEvent> Translate(JsonElement update)
    {
        var kind = Str(update, "sessionUpdate");
        switch (kind)
        {
            case AcpWire.Updates.AgentMessageChunk when ChunkText(update) is { } text:
                message.Append(text);
                return text.Length == 0 ? [] : [new MessageDeltaEvent { Text = text }];
            case AcpWire.Updates.AgentThoughtChunk when ChunkText(update) is { } text:
                thought.Append(text);
                return text.Length == 0 ? [] : [new MessageDeltaEvent { Text = text, Role = "thought" }];
            case AcpWire.Updates.UserMessageChunk or AcpWire.Updates.AvailableCommandsUpdate or AcpWire.Updates.CurrentModeUpdate:
                return [];
            case AcpWire.Updates.UsageUpdate:
                if (TryObject(update, "cost", out var cost))
                {
                    CostUsd = Decimal(cost, "amount");
                }

                return [];
        }

        var events = Flush();
        switch (kind)
        {
            case AcpWire.Updates.ToolCall:
                var id = Str(update, "toolCallId") ?? Guid.NewGuid().ToString("N");
                RememberInput(id, update);
                events.Add(new ToolCallEvent
                {
                    ToolCallId = id,
                    Kind = Str(update, "kind") ?? "other",
                    Title = Str(update, "title") ?? "tool",
                    Input = update.TryGetProperty("rawInput", out var input) ? input.Clone() : null,
                    Status = Status(Str(update, "status")) ?? ToolCallStatus.Pending,
                });
                break;
            case AcpWire.Updates.ToolCallUpdate:
                var updateId = Str(update, "toolCallId") ?? string.Empty;
                RememberInput(updateId, update);
                var status = Status(Str(update, "status"));
                if (status is not null)
                {
                    events.Add(new ToolCallUpdateEvent { ToolCallId = updateId, Status = status.Value, Output = Output(update) });
                }

                if (status == ToolCallStatus.Completed && Str(update, "kind") is null or "edit" && FilePath(updateId) is { } path && changedFiles.Add(updateId))
                {
                    events.Add(new FileChangeEvent { Path = Relative(path), Change = FileChangeKind.Modified });
                }

                break;
            case AcpWire.Updates.Plan when update.TryGetProperty("entries", out var entries) && entries.ValueKind == JsonValueKind.Array:
                events.Add(new PlanEvent
                {
                    Entries = entries.EnumerateArray().Select(e => new PlanEntry
                    {
                        Content = Str(e, "content") ?? string.Empty,
                        Status = Str(e, "status") switch { AcpWire.Statuses.InProgress => "inProgress", AcpWire.Statuses.Completed => "completed", _ => "pending" },
                        Priority = Str(e, "priority"),
                    }).ToList(),
                });
                break;
        }

        return events;
    }

    /// <summary>The message or thought collected so far, as whole messages.</summary>
    public List<SessionEvent> Flush()
    {
        var events = new List<SessionEvent>();
        if (thought.Length > 0)
        {
            var text = thought.ToString();
            thought.Clear();
            events.Add(new MessageEvent { Text = text, Html = MarkdownRenderer.ToSafeHtml(text), Role = "thought" });
        }

        if (message.Length > 0)
        {
            var text = message.ToString();
            message.Clear();
            events.Add(new MessageEvent { Text = text, Html = MarkdownRenderer.ToSafeHtml(text) });
        }

        return events;
    }

    /// <summary>Records that a file was written through <c>fs/write_text_file</c>.</summary>
    public FileChangeEvent WroteFile(string fullPath, bool existed) => new() { Path = Relative(fullPath), Change = existed ? FileChangeKind.Modified : FileChangeKind.Added };

    private void RememberInput(string id, JsonElement update)
    {
        if (update.TryGetProperty("rawInput", out var input) && input.ValueKind == JsonValueKind.Object && input.EnumerateObject().Any())
        {
            toolInputs[id] = input.Clone();
        }
    }

    private string? FilePath(string id)
        => toolInputs.TryGetValue(id, out var input) ? Str(input, "file_path") ?? Str(input, "path") ?? Str(input, "filePath") : null;

    private string Relative(string path)
    {
        var relative = Path.GetRelativePath(workingDirectory, Path.GetFullPath(path, workingDirectory)).Replace('\\', '/');
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static string? ChunkText(JsonElement update)
        => TryObject(update, "content", out var content) && Str(content, "type") == "text" ? Str(content, "text") ?? string.Empty : null;

    private static ToolCallStatus? Status(string? status) => status switch
    {
        AcpWire.Statuses.Pending => ToolCallStatus.Pending,
        AcpWire.Statuses.InProgress => ToolCallStatus.InProgress,
        AcpWire.Statuses.Completed => ToolCallStatus.Completed,
        AcpWire.Statuses.Failed => ToolCallStatus.Failed,
        _ => null,
    };

    private static string? Output(JsonElement update)
    {
        if (update.TryGetProperty("rawOutput", out var raw))
        {
            return Truncate(raw.ValueKind == JsonValueKind.String ? raw.GetString() ?? string.Empty : raw.GetRawText());
        }

        if (update.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            var texts = content.EnumerateArray()
                .Select(c => TryObject(c, "content", out var inner) ? Str(inner, "text") : Str(c, "text"))
                .Where(t => t is not null);
            return Truncate(string.Join('\n', texts));
        }

        return null;
    }
}
