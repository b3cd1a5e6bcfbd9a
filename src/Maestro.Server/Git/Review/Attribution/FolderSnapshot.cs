using Maestro.Server.Errors;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// The working state of a repository as a git tree, written with git's plumbing into a private copy of the index
/// (<c>GIT_INDEX_FILE</c>): the user's index, staging area and branch are never touched. Copying the index keeps
/// its stat cache, so <c>git add -A</c> hashes only the files that changed since the last <c>git status</c>, and
/// the blobs it writes are what a later review reads baselines from.
/// </summary>
public sealed class FolderSnapshot
{
    private readonly GitCli git;

    public FolderSnapshot(GitCli git)
    {
        this.git = git;
    }

    /// <summary>The tree id of every file of <paramref name="repository"/>'s working tree as it is now (ignored files left out).</summary>
    public async Task<string> TakeAsync(GitRepositoryPath repository, CancellationToken cancellationToken)
    {
        var index = Path.Combine(repository.GitDir, "index");
        var snapshotIndex = Path.Combine(repository.GitDir, $"maestro-snapshot-{Guid.NewGuid():N}.index");
        try
        {
            if (File.Exists(index))
            {
                File.Copy(index, snapshotIndex);
            }

            var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["GIT_INDEX_FILE"] = snapshotIndex };
            await CheckedAsync(repository.Root, ["add", "-A", "--", "."], environment, cancellationToken);
            return (await CheckedAsync(repository.Root, ["write-tree"], environment, cancellationToken)).Trim();
        }
        finally
        {
            File.Delete(snapshotIndex);
        }
    }

    private async Task<string> CheckedAsync(string root, string[] arguments, Dictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var result = await git.RunAsync(root, arguments, environment, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new MaestroException($"'git {string.Join(' ', arguments)}' failed while taking a turn's baseline: {result.StandardError.Trim()}");
        }

        return result.StandardOutput;
    }
}
