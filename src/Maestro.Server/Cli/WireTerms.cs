using System.Text.RegularExpressions;

namespace Maestro.Server.Cli;

/// <summary>
/// The daemon's errors are written for every client and may name a wire method ("'runs/list' shows the runs") or a
/// request field ("pass force"). At a terminal those are the commands and flags that do the same thing. Every text
/// the daemon wrote that the CLI prints (errors, run progress and outcomes, host hints) goes through here.
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
        ["sessions/cancel"] = "maestro sessions cancel",
        ["sessions/rename"] = "maestro sessions rename",
        ["sessions/archive"] = "maestro sessions archive",
        ["sessions/delete"] = "maestro sessions rm",
        ["runs/list"] = "maestro runs list",
        ["runs/stop"] = "maestro runs stop",
        ["runs/approve"] = "maestro runs approve",
        ["runs/get"] = "maestro runs show",
        ["playbooks/list"] = "maestro playbooks list",
        ["playbooks/run"] = "maestro run",
        ["review/changes"] = "maestro review",
        ["review/accept"] = "maestro review accept",
        ["review/reject"] = "maestro review reject",
        ["chat/list"] = "maestro chat list",
        ["chat/create"] = "maestro chat create",
        ["chat/post"] = "maestro chat post",
        ["chat/history"] = "maestro chat show",
        ["hosts/list"] = "maestro hosts list",
        ["hosts/add"] = "maestro hosts add",
        ["hosts/test"] = "maestro hosts test",
        ["hosts/install"] = "maestro hosts install",
        ["hosts/remove"] = "maestro hosts remove",
        ["remote/status"] = "maestro remote status",
        ["remote/start"] = "maestro remote start",
        ["remote/stop"] = "maestro remote stop",
        ["daemon/status"] = "maestro daemon status",
        ["daemon/stop"] = "maestro daemon stop",
        ["worktree/list"] = "maestro worktree list",
        ["stats/get"] = "maestro stats",
        ["stats/leaderboard"] = "maestro stats leaderboard",
        ["stats/outages"] = "maestro stats outages",
    };

    public static string ForTerminal(string message)
    {
        // "with 'maestro hosts install box' (hosts/install)": the method in brackets after its command adds nothing here.
        var text = Bracketed().Replace(message, m => Commands.TryGetValue(m.Groups[1].Value, out var command) && message.Contains($"'{command}", StringComparison.Ordinal) ? string.Empty : m.Value);
        text = WireMethod().Replace(text, m => Commands.TryGetValue(m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["bare"].Value, out var command) ? $"'{command}'" : m.Value);
        text = PassField().Replace(text, m => $"pass --{Kebab(m.Groups[1].Value)}");
        return FieldMust().Replace(text, m => $"--{Kebab(m.Groups[1].Value)} must");
    }

    private static string Kebab(string field) => CamelHump().Replace(field, m => "-" + char.ToLowerInvariant(m.Value[0]));

    // Quoted ('runs/list') or bare (use runs/approve), but never a piece of a path (/tmp/stats/get) or a URL.
    [GeneratedRegex(@"'(?<quoted>[a-z]+/[a-zA-Z]+)'|(?<![\w/.:-])(?<bare>[a-z]+/[a-zA-Z]+)(?![\w/])")]
    private static partial Regex WireMethod();

    [GeneratedRegex(@" \(([a-z]+/[a-zA-Z]+)\)")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"\bpass (force|removeWorktree|confirm|reset)\b")]
    private static partial Regex PassField();

    // "'port' must be between …": a request field the daemon checked, which the CLI's user gave as a flag.
    [GeneratedRegex(@"'(port|limit|lan|readOnly)' must")]
    private static partial Regex FieldMust();

    [GeneratedRegex(@"[A-Z]")]
    private static partial Regex CamelHump();
}
