using System.Globalization;
using LibGit2Sharp;
using Maestro.Protocol;

namespace Maestro.Server.Git.Review;

/// <summary>
/// The working tree's changes against the index: path, kind, and the index version's blob id and mode. Tracked
/// changes come from <c>git diff-files --raw -z</c>, untracked files from <c>git ls-files --others</c>; the two
/// run side by side.
/// </summary>
/// <remarks>
/// The git CLI rather than libgit2: libgit2's status checks files one by one on one thread and takes about twice
/// as long as git (which stats in parallel) on a 20,000-file tree, and the raw diff also names each index blob, so
/// the 20,000-entry index need not be loaded here. Two plumbing commands at once instead of one
/// <c>git status</c>: status does the stat pass and the untracked walk one after the other. diff-files does not
/// refresh the index, so a file whose stat changed but whose content did not is listed as modified; the collector
/// compares contents and drops it. <c>--no-optional-locks</c> keeps git from rewriting the index under a
/// concurrent accept.
/// </remarks>
internal sealed record WorkingTreeStatus(string Path, ChangeStatus Status, ObjectId? IndexId, Mode? IndexMode)
{
    private static readonly string[] TrackedArguments = ["--no-optional-locks", "diff-files", "--raw", "-z", "--no-renames", "--ignore-submodules=all"];
    private static readonly string[] UntrackedArguments = ["--no-optional-locks", "ls-files", "-z", "--others", "--exclude-standard"];

    public static async Task<List<WorkingTreeStatus>> ReadAsync(GitCli git, GitRepositoryPath location, CancellationToken cancellationToken)
    {
        var tracked = git.RunCheckedAsync(location.Root, TrackedArguments, cancellationToken);
        var untracked = git.RunCheckedAsync(location.Root, UntrackedArguments, cancellationToken);
        await Task.WhenAll(tracked, untracked);
        return Parse(await tracked, await untracked);
    }

    /// <param name="rawDiff">Records <c>:srcmode dstmode srcsha dstsha X\0path\0</c> of <c>diff-files --raw -z</c>.</param>
    /// <param name="others">NUL-separated paths of <c>ls-files --others -z</c>.</param>
    public static List<WorkingTreeStatus> Parse(string rawDiff, string others)
    {
        var result = new List<WorkingTreeStatus>();
        var seenConflicts = new HashSet<string>(StringComparer.Ordinal);
        var fields = rawDiff.Split('\0');
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            var header = fields[i];
            var path = fields[i + 1];
            if (header.Length == 0 || header[0] != ':')
            {
                break;
            }

            // :100644 100644 <index sha> <worktree sha or zeros> M
            var parts = header[1..].Split(' ');
            var indexMode = Convert.ToInt32(parts[0], 8);
            ChangeStatus? status = parts[4][0] switch
            {
                'M' => ChangeStatus.Modified,
                'D' => ChangeStatus.Deleted,
                'T' => ChangeStatus.TypeChanged,
                'U' => ChangeStatus.Conflicted,
                _ => null,
            };
            if (status == ChangeStatus.Conflicted)
            {
                // An unmerged path comes as a U record, then a diff against stage 2 that a review must not offer.
                if (seenConflicts.Add(path))
                {
                    result.Add(new WorkingTreeStatus(path, ChangeStatus.Conflicted, null, null));
                }
            }
            else if (status is { } s && indexMode != 0 && !seenConflicts.Contains(path))
            {
                result.Add(new WorkingTreeStatus(path, s, new ObjectId(parts[2]), (Mode)indexMode));
            }
        }

        foreach (var path in others.Split('\0'))
        {
            if (path.Length > 0)
            {
                result.Add(new WorkingTreeStatus(path, ChangeStatus.Untracked, null, null));
            }
        }

        return result;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Status} {Path}");
}
