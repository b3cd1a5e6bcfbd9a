using System.Text.RegularExpressions;
using Maestro.Server.Errors;

namespace Maestro.Server.Playbooks.Worktrees;

/// <summary>
/// A run's branch from its template: <c>{date}</c> is the local date (<c>2026-12-02</c>), <c>{run}</c> the run's id, so a
/// scheduled <c>maestro run --worktree nightly/{date}</c> gets a branch a day and <c>auto/{run}</c> one per run.
/// </summary>
internal static partial class RunBranchName
{
    public static string Expand(string template, string runId, DateTimeOffset localNow)
        => Placeholder().Replace(template, match => match.Groups[1].Value switch
        {
            "date" => localNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            "run" => runId,
            var other => throw new InvalidParamsException($"The worktree branch '{template}' names an unknown placeholder {{{other}}}; the placeholders are {{date}} and {{run}}."),
        });

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Placeholder();
}
