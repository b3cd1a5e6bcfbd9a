namespace Maestro.Server.Git;

/// <summary>Resolves symlinks component by component, like realpath(3), keeping a tail that does not exist yet.</summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        var links = 0;
        var pending = new Queue<string>(parts);
        while (pending.Count > 0)
        {
            var part = pending.Dequeue();
            var next = Path.Combine(current, part);
            FileSystemInfo info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"Too many levels of symbolic links in '{path}'.");
                }

                // Restart from the link's target, then walk what was left of the path.
                var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
                var rest = pending.ToArray();
                pending.Clear();
                var resolvedRoot = Path.GetPathRoot(resolved)!;
                current = resolvedRoot;
                foreach (var p in resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(rest))
                {
                    pending.Enqueue(p);
                }

                continue;
            }

            current = next;
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or below it (both already resolved).</summary>
    public static bool IsUnder(string path, string root)
        => string.Equals(path, root, StringComparison.Ordinal)
           || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
