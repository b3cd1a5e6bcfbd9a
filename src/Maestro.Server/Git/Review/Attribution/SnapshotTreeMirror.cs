using System.Text;
using LibGit2Sharp;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// The last snapshot's tree held in memory, folder by folder, so the next snapshot rewrites only the folders above the
/// paths that changed, as raw tree objects, without reading or re-inserting the entries nobody touched (which is what
/// made libgit2's tree builder cost 20 ms for ten edits in a 20,000-file repository). Loaded once from
/// <c>git ls-tree -r -t</c>; any failure while it is being changed leaves it unusable, and the caller drops it.
/// </summary>
internal sealed class SnapshotTreeMirror
{
    /// <summary>Above this many entries the mirror's memory is not worth it: such repositories walk the tree instead.</summary>
    public const int MaxEntries = 200_000;

    private const int TreeMode = 0x4000; // 040000
    private const int GitLinkMode = 0xE000; // 0160000

    /// <summary>Folder path ("" for the root) → its entries by name.</summary>
    private readonly Dictionary<string, Dictionary<string, MirrorEntry>> folders = new(StringComparer.Ordinal);
    private readonly HashSet<string> dirty = new(StringComparer.Ordinal);

    private SnapshotTreeMirror()
    {
        folders[""] = new Dictionary<string, MirrorEntry>(StringComparer.Ordinal);
    }

    /// <summary>The tree this mirror holds, as last written.</summary>
    public string TreeId { get; private set; } = "";

    /// <summary>A mirror of <paramref name="treeId"/>, or null when it is too large or has names git's output does not give as UTF-8.</summary>
    public static async Task<SnapshotTreeMirror?> LoadAsync(GitCli git, string root, string treeId, CancellationToken cancellationToken)
    {
        var listed = await git.RunAsync(root, ["ls-tree", "-r", "-t", "-z", "--full-tree", treeId], null, cancellationToken);
        if (listed.ExitCode != 0)
        {
            return null;
        }

        var mirror = new SnapshotTreeMirror { TreeId = treeId };
        var records = listed.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        if (records.Length > MaxEntries)
        {
            return null;
        }

        foreach (var record in records)
        {
            // "<mode> <type> <id>\t<path>"
            var tab = record.IndexOf('\t');
            var fields = record[..tab].Split(' ');
            var path = record[(tab + 1)..];
            if (path.Contains('\uFFFD') || fields[2].Length != 40)
            {
                return null; // a name that is not UTF-8, or an object format other than SHA-1
            }

            var mode = Convert.ToInt32(fields[0], 8);
            var (folder, name) = Split(path);
            mirror.FolderOf(folder)[name] = new MirrorEntry(mode, Convert.FromHexString(fields[2]));
            if (mode == TreeMode)
            {
                mirror.FolderOf(path);
            }
        }

        return mirror;
    }

    /// <summary>The entry at <paramref name="path"/> (a file, link, submodule or folder), or null.</summary>
    public MirrorEntry? Find(string path)
    {
        var (folder, name) = Split(path);
        return folders.TryGetValue(folder, out var entries) && entries.TryGetValue(name, out var entry) ? entry : null;
    }

    /// <summary>Whether <paramref name="path"/> is a submodule or lies inside one.</summary>
    public bool UnderSubmodule(string path)
    {
        for (var slash = path.IndexOf('/'); ; slash = path.IndexOf('/', slash + 1))
        {
            var entry = Find(slash < 0 ? path : path[..slash]);
            if (entry is null || slash < 0 || entry.Value.Mode != TreeMode)
            {
                return entry?.Mode == GitLinkMode;
            }
        }
    }

    /// <summary>Puts a file, link or submodule entry at <paramref name="path"/>, replacing whatever was there.</summary>
    public void Set(string path, int mode, ObjectId id)
    {
        Remove(path);
        var (folder, name) = Split(path);
        EnsureFolder(folder);
        folders[folder][name] = new MirrorEntry(mode, id.RawId);
        MarkDirty(folder);
    }

    /// <summary>Removes what is at <paramref name="path"/>, a whole folder included; nothing there is fine.</summary>
    public void Remove(string path)
    {
        var (folder, name) = Split(path);
        if (!folders.TryGetValue(folder, out var entries) || !entries.Remove(name, out var removed))
        {
            return;
        }

        if (removed.Mode == TreeMode)
        {
            var prefix = path + "/";
            foreach (var below in folders.Keys.Where(k => k == path || k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                folders.Remove(below);
                dirty.Remove(below);
            }
        }

        MarkDirty(folder);
    }

    /// <summary>Writes every changed folder, deepest first, as a raw tree object; the root's id is the snapshot.</summary>
    public string Write(ObjectDatabase objects)
    {
        foreach (var folder in dirty.OrderByDescending(Depth).ThenBy(f => f, StringComparer.Ordinal).ToList())
        {
            var entries = folders[folder];
            if (folder.Length > 0 && entries.Count == 0)
            {
                // git records no empty folder: it leaves its parent.
                folders.Remove(folder);
                var (parent, name) = Split(folder);
                folders[parent].Remove(name);
                continue;
            }

            var id = objects.Write<Tree>(Serialize(entries));
            if (folder.Length > 0)
            {
                var (parent, name) = Split(folder);
                folders[parent][name] = new MirrorEntry(TreeMode, id.RawId);
            }
            else
            {
                TreeId = id.Sha;
            }
        }

        dirty.Clear();
        return TreeId;
    }

    private Dictionary<string, MirrorEntry> FolderOf(string folder)
    {
        if (!folders.TryGetValue(folder, out var entries))
        {
            entries = new Dictionary<string, MirrorEntry>(StringComparer.Ordinal);
            folders[folder] = entries;
        }

        return entries;
    }

    /// <summary>Makes <paramref name="folder"/> and the folders above it exist, replacing a file that stood in the way.</summary>
    private void EnsureFolder(string folder)
    {
        if (folder.Length == 0 || (folders.ContainsKey(folder) && Find(folder)?.Mode == TreeMode))
        {
            return;
        }

        var (parent, name) = Split(folder);
        EnsureFolder(parent);
        Remove(folder);
        folders[parent][name] = new MirrorEntry(TreeMode, []);
        FolderOf(folder);
        MarkDirty(folder);
    }

    private void MarkDirty(string folder)
    {
        while (dirty.Add(folder) && folder.Length > 0)
        {
            folder = Split(folder).Folder;
        }
    }

    /// <summary>git's tree format: entries ordered by name as bytes, a folder's name compared as if it ended in '/'.</summary>
    private static byte[] Serialize(Dictionary<string, MirrorEntry> entries)
    {
        var named = entries.Select(e => (Name: Encoding.UTF8.GetBytes(e.Key), Entry: e.Value)).ToList();
        named.Sort((a, b) => CompareForTree(a.Name, a.Entry.Mode == TreeMode, b.Name, b.Entry.Mode == TreeMode));
        using var buffer = new MemoryStream();
        foreach (var (name, entry) in named)
        {
            buffer.Write(Encoding.ASCII.GetBytes(Convert.ToString(entry.Mode, 8) + " "));
            buffer.Write(name);
            buffer.WriteByte(0);
            buffer.Write(entry.Id);
        }

        return buffer.ToArray();
    }

    private static int CompareForTree(byte[] a, bool aIsTree, byte[] b, bool bIsTree)
    {
        var common = Math.Min(a.Length, b.Length);
        var order = a.AsSpan(0, common).SequenceCompareTo(b.AsSpan(0, common));
        if (order != 0)
        {
            return order;
        }

        int next(byte[] name, bool isTree) => name.Length > common ? name[common] : isTree ? '/' : 0;
        return next(a, aIsTree).CompareTo(next(b, bIsTree));
    }

    private static int Depth(string folder) => folder.Length == 0 ? 0 : folder.Count(c => c == '/') + 1;

    private static (string Folder, string Name) Split(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? ("", path) : (path[..slash], path[(slash + 1)..]);
    }
}
