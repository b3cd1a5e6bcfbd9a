using Maestro.Server.Git;
using Maestro.Server.Git.Review.Attribution;
using Maestro.TestSupport;
using Maestro.TestSupport.Git;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Tests.Git.Review.Attribution;

/// <summary>
/// The turn snapshot re-adds only what its change journal saw changing: after any mix of edits, new files and
/// folders, deletions, renames, ignored files and <c>.gitignore</c> edits, its tree is exactly the tree a whole-tree
/// walk (a copy of the index, <c>git add -A</c>, <c>git write-tree</c>) gives, executable bits and links included, and
/// the user's index never moves.
/// </summary>
public sealed class FolderSnapshotTests : IAsyncLifetime
{
    private readonly TestServer server = new();
    private readonly TestRepository repo = TestRepository.Create(new Dictionary<string, string>
    {
        [".gitignore"] = "build/\n*.log\n",
        ["a.txt"] = "a\n",
        ["src/b.txt"] = "b\n",
        ["src/deep/c.txt"] = "c\n",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        repo.Dispose();
    }

    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(23)]
    public async Task Every_snapshot_equals_a_walk_of_the_whole_tree_whatever_changed(int seed)
    {
        var snapshot = server.Services.GetRequiredService<FolderSnapshot>();
        var location = new RepositoryLocator().Locate(repo.Root);
        var index = repo.Git("ls-files", "--stage");
        Assert.Equal(WalkedTree(), await snapshot.TakeAsync(location, CancellationToken.None));

        var random = new Random(seed);
        for (var round = 0; round < 40; round++)
        {
            for (var change = random.Next(0, 4); change > 0; change--)
            {
                Change(random, round);
            }

            var expected = WalkedTree();
            var actual = await snapshot.TakeAsync(location, CancellationToken.None);
            Assert.True(expected == actual, $"round {round}: the snapshot differs from the walk:\n{repo.Git("diff-tree", "-r", "--raw", expected, actual)}");
        }

        Assert.Equal(index, repo.Git("ls-files", "--stage"));

        // Most rounds came from the journal: walks happen only on a .gitignore edit, a refused path or a lost watcher.
        var (walks, fromJournal) = snapshot.Counts;
        Assert.True(fromJournal >= 25, $"only {fromJournal} of 41 snapshots came from the journal ({walks} walks)");
    }

    [Fact]
    public async Task A_file_written_just_before_the_snapshot_is_in_it()
    {
        var snapshot = server.Services.GetRequiredService<FolderSnapshot>();
        var location = new RepositoryLocator().Locate(repo.Root);
        await snapshot.TakeAsync(location, CancellationToken.None);
        for (var i = 0; i < 20; i++)
        {
            // No pause between the write and the snapshot: the journal's barrier, not luck, must catch it.
            repo.Write("a.txt", $"a {i}\n");
            repo.Write($"new/n{i}.txt", $"n {i}\n");
            var tree = await snapshot.TakeAsync(location, CancellationToken.None);
            Assert.Equal($"a {i}\n", repo.Git("cat-file", "-p", $"{tree}:a.txt"));
            Assert.Equal($"n {i}\n", repo.Git("cat-file", "-p", $"{tree}:new/n{i}.txt"));
        }

        Assert.Equal(1, snapshot.Counts.Walks);
    }

    private int changes;

    private void Change(Random random, int round)
    {
        round = (round * 10) + changes++; // unique names when a round makes several changes
        var files = Directory.EnumerateFiles(repo.Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(repo.Root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith(".git/", StringComparison.Ordinal) && f != ".gitignore")
            // Links are made and left alone: writing through a dangling one would create its target instead.
            .Where(f => new FileInfo(repo.PathOf(f)).LinkTarget is null && !f.Contains("/to-src", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        switch (random.Next(11))
        {
            case 0 when files.Count > 0:
                repo.Write(files[random.Next(files.Count)], $"edited in round {round}\n");
                break;
            case 1:
                repo.Write($"src/new{round}.txt", $"new {round}\n");
                // Beside the folder "src": git orders "src-1.txt" before "src/" but after "src".
                repo.Write($"src-{round}.txt", $"beside {round}\n");
                break;
            case 2:
                repo.Write($"made{round}/inner/x.txt", "in a new folder\n");
                break;
            case 3 when files.Count > 0:
                repo.Delete(files[random.Next(files.Count)]);
                break;
            case 4 when Directory.Exists(repo.PathOf("src/deep")):
                Directory.Delete(repo.PathOf("src/deep"), recursive: true);
                break;
            case 5 when files.Count > 0:
                var from = files[random.Next(files.Count)];
                File.Move(repo.PathOf(from), repo.PathOf($"moved{round}.txt"));
                break;
            case 6:
                repo.Write($"build/out{round}.bin", "ignored\n");
                repo.Write($"trace{round}.log", "ignored\n");
                break;
            case 7:
                // Files that were ignored stop being ignored, untouched themselves.
                repo.Write(".gitignore", random.Next(2) == 0 ? "build/\n*.log\n" : "build/\n");
                break;
            case 8 when files.Count > 0 && !OperatingSystem.IsWindows():
                // The executable bit alone: git records it, the content is the same.
                var file = repo.PathOf(files[random.Next(files.Count)]);
                File.SetUnixFileMode(file, File.GetUnixFileMode(file) ^ UnixFileMode.UserExecute);
                break;
            case 9:
                // Links, to a file and to a folder (stored as links, never followed), one of them dangling.
                File.CreateSymbolicLink(repo.PathOf($"link{round}"), random.Next(2) == 0 ? "a.txt" : "missing.txt");
                Directory.CreateDirectory(repo.PathOf($"linked{round}"));
                Directory.CreateSymbolicLink(repo.PathOf($"linked{round}/to-src"), "../src");
                break;
            default:
                if (Directory.Exists(repo.PathOf("src")))
                {
                    Directory.Move(repo.PathOf("src"), repo.PathOf($"src{round}"));
                }

                break;
        }
    }

    /// <summary>What the snapshot must equal: a private copy of the user's index, every file added, its tree.</summary>
    private string WalkedTree()
    {
        using var temp = new TempDirectory("walked-index");
        var index = Path.Combine(temp.Path, "index");
        File.Copy(Path.Combine(repo.Root, ".git", "index"), index);
        var environment = new Dictionary<string, string?> { ["GIT_INDEX_FILE"] = index };
        TestRepository.GitWithEnvironment(repo.Root, environment, "add", "-A", "--", ".");
        return TestRepository.GitWithEnvironment(repo.Root, environment, "write-tree").Trim();
    }
}
