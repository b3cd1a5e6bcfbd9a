using System.Text.Json;
using Maestro.Protocol;

namespace Maestro.Server.Cli;

/// <summary>
/// A session's events as terminal lines, or as JSON. Agents announce a file change when they ask for the tool call
/// (before it runs), so the line "added hello.txt" waits for the call's result: printed when it succeeded, replaced by
/// "refused" or "failed" when it did not. The tool calls the permission mode refused are kept for the turn's end.
/// </summary>
internal sealed class TranscriptPrinter(bool json)
{
    private readonly Lock gate = new();

    /// <summary>Tool calls not finished yet, with the file changes they announced.</summary>
    private readonly Dictionary<string, List<FileChangeEvent>> open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> titles = new(StringComparer.Ordinal);
    private readonly List<string> refused = [];
    private readonly HashSet<string> ended = new(StringComparer.Ordinal);
    private string? lastToolCall;

    /// <summary>The titles of the tool calls the permission mode refused since <see cref="TakeRefused"/> last ran.</summary>
    public IReadOnlyList<string> TakeRefused()
    {
        lock (gate)
        {
            var taken = refused.Distinct(StringComparer.Ordinal).ToList();
            refused.Clear();
            return taken;
        }
    }

    public void Print(SessionEventNotification notification)
    {
        lock (gate)
        {
            Remember(notification.Event);
            if (json)
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(notification, CliJsonContext.Default.SessionEventNotification));
                return;
            }

            foreach (var line in Describe(notification.Event))
            {
                CliConsole.Out.WriteLine(line);
            }
        }
    }

    private void Remember(SessionEvent e)
    {
        switch (e)
        {
            case ToolCallEvent t:
                titles[t.ToolCallId] = t.Title;
                lastToolCall = t.ToolCallId;
                if (t.Status is ToolCallStatus.Pending or ToolCallStatus.InProgress)
                {
                    open.TryAdd(t.ToolCallId, []);
                }

                break;
            case ToolCallUpdateEvent { Refused: true } u:
                refused.Add(titles.GetValueOrDefault(u.ToolCallId) ?? "a tool call");
                break;
        }
    }

    private IEnumerable<string> Describe(SessionEvent e)
    {
        switch (e)
        {
            case FileChangeEvent f when lastToolCall is not null && open.TryGetValue(lastToolCall, out var held):
                // Announced with its tool call: said once the call succeeded.
                held.Add(f);
                yield break;
            case ToolCallUpdateEvent u when u.Status is ToolCallStatus.Completed or ToolCallStatus.Failed:
                if (!ended.Add(u.ToolCallId))
                {
                    // Claude Code reports a refusal twice (the tool's result, then the turn's permission_denials): said once.
                    yield break;
                }

                var changes = open.Remove(u.ToolCallId, out var pending) ? pending : [];
                if (u.Status == ToolCallStatus.Completed)
                {
                    foreach (var change in changes)
                    {
                        yield return Change(change);
                    }
                }
                else if (u.Refused == true)
                {
                    yield return $"  refused by the permission mode: {titles.GetValueOrDefault(u.ToolCallId) ?? "the tool call"} (nothing changed)";
                }
                else
                {
                    yield return $"  failed: {First(u.Output)}";
                }

                yield break;
            case StatusEvent { Status: SessionStatus.Idle or SessionStatus.Failed or SessionStatus.Closed }:
                // The turn is over: a call that never reported back changed nothing we can vouch for.
                open.Clear();
                yield break;
        }

        if (Line(e) is { } line)
        {
            yield return line;
        }
    }

    private static string Change(FileChangeEvent f) => $"  {f.Change.ToString().ToLowerInvariant()} {f.Path}";

    private static string? Line(SessionEvent e) => e switch
    {
        PromptEvent p => $"> {p.Text}",
        MessageEvent m => m.Role == "thought" ? $"(thinking) {m.Text}" : m.Text,
        ToolCallEvent t => $"[{t.Kind}] {t.Title}",
        FileChangeEvent f => Change(f),
        PermissionRequestEvent { ChosenOptionId: null } p => $"  waiting for permission: {p.ToolCall.Title} (answer it where the session is open in an editor)",
        PlanEvent plan => "plan: " + string.Join("; ", plan.Entries.Select(x => $"[{x.Status}] {x.Content}")),
        ErrorEvent err => $"error: {err.Message}",
        OutageEvent o when o.State == OutageState.Waiting => $"provider {(o.Class == OutageClass.Quota ? "out of quota" : "unavailable")} ({First(o.Reason)}); attempt {o.Attempts}, resending at {o.NextAt:u}",
        OutageEvent o => $"provider outage {o.State.ToString().ToLowerInvariant()} after {CliWords.Count(o.Attempts, "attempt")}{(o.StoppedBecause is null ? string.Empty : ": " + o.StoppedBecause)}",
        _ => null,
    };

    private static string First(string? text) => (text ?? string.Empty).Split('\n')[0];
}
