using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Sessions;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>
/// What an attempt's session shows once its turn is over: the tool calls the permission mode refused, and whether the
/// agent changed any file, and its last error. A run reads it to name refusals in a failure and to tell a stalled task from a slow one.
/// </summary>
internal sealed record AttemptTranscript(IReadOnlyList<RefusedToolCall> Refused, bool ChangedFiles, string? LastError)
{
    private const int Page = 1000;

    public static readonly AttemptTranscript Empty = new([], false, null);

    public static async Task<AttemptTranscript> ReadAsync(SessionService sessions, string sessionId, CancellationToken cancellationToken)
    {
        var calls = new Dictionary<string, ToolCallEvent>(StringComparer.Ordinal);
        var refused = new List<RefusedToolCall>();
        var changed = false;
        string? lastError = null;
        long after = 0;
        while (true)
        {
            var page = await sessions.HistoryAsync(sessionId, after, Page, cancellationToken);
            foreach (var notification in page.Events)
            {
                after = notification.Seq;
                switch (notification.Event)
                {
                    case ToolCallEvent call:
                        calls[call.ToolCallId] = call;
                        break;
                    case ErrorEvent error:
                        lastError = error.Message;
                        break;
                    case FileChangeEvent:
                        changed = true;
                        break;
                    case ToolCallUpdateEvent { Refused: true } update:
                        refused.Add(calls.TryGetValue(update.ToolCallId, out var made) ? Describe(made.Title, made.Input) : new RefusedToolCall("a tool", null));
                        break;
                    case PermissionRequestEvent asked when Rejected(asked):
                        // An ACP backend asked Maestro; with nobody to answer, the mode refused (or a person did).
                        refused.Add(Describe(asked.ToolCall.Title, asked.ToolCall.Input));
                        break;
                    case ToolCallUpdateEvent { Status: ToolCallStatus.Completed } update
                        when calls.TryGetValue(update.ToolCallId, out var done) && done.Kind is "edit" or "delete" or "move":
                        changed = true;
                        break;
                }
            }

            if (!page.HasMore || page.Events.Count == 0)
            {
                break;
            }
        }

        // An agent that tried the same refused call twice is named once.
        return new AttemptTranscript(refused.Distinct().ToList(), changed, lastError);
    }

    private static bool Rejected(PermissionRequestEvent asked)
        => asked.ChosenOptionId is null
           || asked.Options.FirstOrDefault(o => o.Id == asked.ChosenOptionId)?.Kind is PermissionOptionKind.RejectOnce or PermissionOptionKind.RejectAlways;

    private static RefusedToolCall Describe(string title, JsonElement? arguments)
    {
        // Titles read "Bash: npm test" (Claude Code) or "Write NOTES.md" (ACP agents): the tool is what comes first.
        var tool = title.Contains(':', StringComparison.Ordinal) ? title.Split(':', 2)[0].Trim() : title.Split(' ', 2)[0];
        string? detail = null;
        if (arguments is { ValueKind: JsonValueKind.Object } input)
        {
            detail = Field(input, "command") ?? Field(input, "file_path") ?? Field(input, "path") ?? Field(input, "url");
        }

        return new RefusedToolCall(tool, detail is { Length: > 120 } ? detail[..117] + "..." : detail);
    }

    private static string? Field(JsonElement input, string name)
        => input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
