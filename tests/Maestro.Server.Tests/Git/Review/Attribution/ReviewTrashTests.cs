using Maestro.Server.Git.Review.Attribution;
using Maestro.Server.Hosting;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Git.Review.Attribution;

/// <summary>
/// The trash keeps rejected created files for <see cref="ReviewTrash.Retention"/>, then a later reject empties them: the
/// expiry issue 14 asks for. Real files in a real folder; the folder's age is set on disk.
/// </summary>
public sealed class ReviewTrashTests : IDisposable
{
    private readonly TempDirectory home = new("trash-home");
    private readonly TempDirectory work = new("trash-work");

    public void Dispose()
    {
        home.Dispose();
        work.Dispose();
    }

    [Fact]
    public void A_reject_older_than_the_retention_is_emptied_and_a_recent_one_is_kept()
    {
        var trash = new ReviewTrash(new MaestroPaths(home.Path));
        var old = trash.Keep("d_old", "sub/old.txt", Made("old.txt"));
        var recent = trash.Keep("d_recent", "recent.txt", Made("recent.txt"));
        var oldDecision = Path.Combine(home.Path, "trash", "d_old");
        Directory.SetLastWriteTimeUtc(oldDecision, DateTime.UtcNow - ReviewTrash.Retention - TimeSpan.FromHours(1));
        Directory.SetLastWriteTimeUtc(Path.Combine(home.Path, "trash", "d_recent"), DateTime.UtcNow - ReviewTrash.Retention + TimeSpan.FromHours(1));

        trash.Purge();

        Assert.False(Directory.Exists(oldDecision), "a reject past the retention was kept");
        Assert.False(File.Exists(old));
        Assert.Equal("recent.txt", File.ReadAllText(recent));
    }

    private string Made(string name)
    {
        var path = work.Combine(name);
        File.WriteAllText(path, name);
        return path;
    }
}
