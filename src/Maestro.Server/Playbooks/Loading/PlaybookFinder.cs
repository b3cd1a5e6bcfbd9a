namespace Maestro.Server.Playbooks.Loading;

/// <summary>
/// Finds playbooks under a folder for <c>playbooks/list</c>: folders holding a <c>playbook.yaml</c>, and the
/// children of any folder named <c>playbooks</c> (each subfolder with markdown, each markdown file). The walk is
/// shallow and skips dependency and build folders, so a large repository lists quickly. The Maestro desktop app's
/// folders are found too: <c>.maestro/playbooks</c> (the one hidden folder walked) and the legacy <c>Auto Run Docs</c>.
/// </summary>
public static class PlaybookFinder
{
    public const int MaxDepth = 4;

    /// <summary>Folders whose children are playbooks: ours and the anchor's (<c>.maestro/playbooks</c>, legacy <c>Auto Run Docs</c>).</summary>
    private static readonly HashSet<string> Collections = new(StringComparer.OrdinalIgnoreCase) { "playbooks", "Auto Run Docs" };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "node_modules", "bin", "obj", "target", "dist", "build", "vendor" };

    public static IReadOnlyList<string> Find(string root)
    {
        var found = new List<string>();
        var full = Path.GetFullPath(root);
        if (Directory.Exists(full))
        {
            Walk(full, 0, found);
        }

        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Walk(string folder, int depth, List<string> found)
    {
        if (File.Exists(Path.Combine(folder, PlaybookLoader.ConfigFileName)))
        {
            found.Add(folder);
            return;
        }

        if (Collections.Contains(Path.GetFileName(folder)))
        {
            foreach (var child in Children(folder))
            {
                if (PlaybookLoader.DocumentsOf(child).Count > 0 || File.Exists(Path.Combine(child, PlaybookLoader.ConfigFileName)))
                {
                    found.Add(child);
                }
            }

            found.AddRange(PlaybookLoader.DocumentsOf(folder));
            return;
        }

        if (depth >= MaxDepth)
        {
            return;
        }

        foreach (var child in Children(folder))
        {
            Walk(child, depth + 1, found);
        }
    }

    private static List<string> Children(string folder)
    {
        try
        {
            return Directory.EnumerateDirectories(folder)
                .Where(d => Path.GetFileName(d) is var name && (!name.StartsWith('.') || name == ".maestro") && !Skipped.Contains(name))
                .OrderBy(d => d, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
