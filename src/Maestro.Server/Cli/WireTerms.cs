using System.Text.RegularExpressions;

namespace Maestro.Server.Cli;

/// <summary>
/// The daemon's errors are written for every client and may name a wire method ("'runs/list' shows the runs") or a
/// request field ("pass force"). At a terminal those are the commands and flags that do the same thing.
/// </summary>
internal static partial class WireTerms
{
    private static readonly Dictionary<string, string> Commands = new(StringComparer.Ordinal)
    {
        ["agents/list"] = "maestro agents",
        ["sessions/list"] = "maestro sessions list",
        ["sessions/create"] = "maestro sessions new",
        ["sessions/prompt"] = "maestro sessions prompt",
        ["sessions/history"] = "maestro sessions show",
        ["sessions/close"] = "maestro sessions close",
        ["sessions/delete"] = "maestro sessions rm",
        ["runs/list"] = "maestro runs list",
        ["runs/stop"] = "maestro runs stop",
        ["runs/approve"] = "maestro runs approve",
        ["playbooks/list"] = "maestro playbooks list",
        ["playbooks/run"] = "maestro run",
        ["review/changes"] = "maestro review",
        ["review/accept"] = "maestro review accept",
        ["review/reject"] = "maestro review reject",
        ["chat/list"] = "maestro chat list",
        ["hosts/list"] = "maestro hosts list",
        ["hosts/add"] = "maestro hosts add",
        ["remote/status"] = "maestro remote status",
        ["worktree/list"] = "maestro worktree list",
        ["stats/get"] = "maestro stats",
    };

    public static string ForTerminal(string message)
    {
        var text = WireMethod().Replace(message, m => Commands.TryGetValue(m.Groups[1].Value, out var command) ? $"'{command}'" : m.Value);
        return PassField().Replace(text, m => $"pass --{Kebab(m.Groups[1].Value)}");
    }

    private static string Kebab(string field) => CamelHump().Replace(field, m => "-" + char.ToLowerInvariant(m.Value[0]));

    [GeneratedRegex(@"'([a-z]+/[a-zA-Z]+)'")]
    private static partial Regex WireMethod();

    [GeneratedRegex(@"\bpass (force|removeWorktree|confirm|reset)\b")]
    private static partial Regex PassField();

    [GeneratedRegex(@"[A-Z]")]
    private static partial Regex CamelHump();
}
