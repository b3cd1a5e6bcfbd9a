using System.CommandLine;

namespace Maestro.Server.Cli;

/// <summary>"Did you mean" for a mistyped command or option: the names of the command being parsed that are a
/// few edits away from what was typed, as <c>git</c> and <c>gh</c> suggest them.</summary>
internal static class Suggestions
{
    public static IReadOnlyList<string> For(string typed, Command command)
    {
        var names = command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name))
            .Concat(command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)));
        return Closest(typed, names);
    }

    public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> candidates)
    {
        // A third of the word may be wrong (at least one edit, at most three): 'sesions' finds 'sessions', 'x' finds nothing.
        var allowed = Math.Clamp(typed.Length / 3, 1, 3);
        return candidates.Distinct(StringComparer.Ordinal)
            .Select(name => (name, distance: Distance(typed, name)))
            .Where(c => c.distance <= allowed || (typed.Length >= 3 && c.name.StartsWith(typed, StringComparison.Ordinal)))
            .OrderBy(c => c.distance).ThenBy(c => c.name, StringComparer.Ordinal)
            .Select(c => c.name)
            .Take(3)
            .ToList();
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
