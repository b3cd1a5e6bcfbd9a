using Maestro.Server.Hosting;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// Where rejected files the agent created go instead of being deleted: <c>$MAESTRO_HOME/trash/&lt;decision&gt;/&lt;path&gt;</c>,
/// kept for <see cref="Retention"/> so <c>review/undo</c> can bring them back; older ones go at the next reject.
/// </summary>
internal sealed class ReviewTrash
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private readonly string folder;

    public ReviewTrash(MaestroPaths paths)
    {
        folder = Path.Combine(paths.Home, "trash");
    }

    /// <summary>Moves <paramref name="absolute"/> into the trash; returns where it went.</summary>
    public string Keep(string decisionId, string relative, string absolute)
    {
        var target = Path.Combine(folder, decisionId, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(absolute, target);
        return target;
    }

    /// <summary>Moves a trashed file back to <paramref name="absolute"/>.</summary>
    public static void Restore(string trashed, string absolute)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(absolute)!);
        File.Move(trashed, absolute);
    }

    public void Purge()
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var decision in Directory.EnumerateDirectories(folder))
        {
            // The folder's last write is when its reject moved files in. Not its creation time: where the file system
            // records a birth time that is what .NET reads, and it cannot be set (a copied or restored home, a test).
            if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(decision) > Retention)
            {
                Directory.Delete(decision, recursive: true);
            }
        }
    }
}
