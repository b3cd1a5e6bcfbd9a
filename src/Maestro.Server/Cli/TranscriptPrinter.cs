using System.Text.Json;
using Maestro.Protocol;

namespace Maestro.Server.Cli;

/// <summary>One session event as a terminal line, or as JSON.</summary>
internal static class TranscriptPrinter
{
    private static readonly Lock Gate = new();

    public static void Print(SessionEventNotification e, bool json)
    {
        var line = json ? JsonSerializer.Serialize(e, CliJsonContext.Default.SessionEventNotification) : Describe(e.Event);
        if (line is null)
        {
            return;
        }

        lock (Gate)
        {
            CliConsole.Out.WriteLine(line);
        }
    }

    private static string? Describe(SessionEvent e) => e switch
    {
        PromptEvent p => $"> {p.Text}",
        MessageEvent m => m.Role == "thought" ? $"(thinking) {m.Text}" : m.Text,
        ToolCallEvent t => $"[{t.Kind}] {t.Title}",
        ToolCallUpdateEvent u when u.Status == ToolCallStatus.Failed => $"  failed: {First(u.Output)}",
        FileChangeEvent f => $"  {f.Change.ToString().ToLowerInvariant()} {f.Path}",
        PlanEvent plan => "plan: " + string.Join("; ", plan.Entries.Select(x => $"[{x.Status}] {x.Content}")),
        ErrorEvent err => $"error: {err.Message}",
        OutageEvent o when o.State == OutageState.Waiting => $"provider {(o.Class == OutageClass.Quota ? "out of quota" : "unavailable")} ({First(o.Reason)}); attempt {o.Attempts}, resending at {o.NextAt:u}",
        OutageEvent o => $"provider outage {o.State.ToString().ToLowerInvariant()} after {o.Attempts} attempt(s){(o.StoppedBecause is null ? string.Empty : ": " + o.StoppedBecause)}",
        _ => null,
    };

    private static string First(string? text) => (text ?? string.Empty).Split('\n')[0];
}
