using System.Text.Json;
using Maestro.Protocol;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>
/// The sentence a failed task gets when its agent was refused tool calls: which ones, by which mode, and how to allow
/// them. A headless run cannot ask anyone, so a refusal is the usual reason a task never gets done.
/// </summary>
internal static class RefusalText
{
    public static string? Of(IReadOnlyList<RefusedToolCall> refused, PermissionMode mode)
    {
        if (refused.Count == 0)
        {
            return null;
        }

        var calls = string.Join(", ", refused.Select(r => r.ToString()));
        var count = refused.Count == 1 ? "1 tool call" : $"{refused.Count} tool calls";
        var them = refused.Count == 1 ? "it" : "them";
        var allow = mode == PermissionMode.Bypass
            ? $"The agent's own settings refused {them} (bypass was on): allow {them} there."
            : $"To allow {them}: run with --permission-mode bypass (or set `permissionMode: bypass` in playbook.yaml, or pick it when starting the run in the editor), or allow the tool in the agent's own settings.";
        // The mode as the wire and the CLI spell it (CamelCaseEnumConverter's naming).
        return $"The {JsonNamingPolicy.CamelCase.ConvertName(mode.ToString())} permission mode refused {count}: {calls}. {allow}";
    }
}
