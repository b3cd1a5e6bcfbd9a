using LibGit2Sharp;
using Maestro.Protocol;

namespace Maestro.Server.Git;

/// <summary>Maps libgit2's status flags to the protocol's changes: one for the index side, one for the working tree side.</summary>
internal static class GitChanges
{
    public static IEnumerable<GitChange> From(StatusEntry entry)
    {
        var state = entry.State;
        if (state.HasFlag(FileStatus.Conflicted))
        {
            yield return new GitChange { Path = entry.FilePath, Status = ChangeStatus.Conflicted };
            yield break;
        }

        ChangeStatus? staged =
            state.HasFlag(FileStatus.NewInIndex) ? ChangeStatus.Added
            : state.HasFlag(FileStatus.RenamedInIndex) ? ChangeStatus.Renamed
            : state.HasFlag(FileStatus.DeletedFromIndex) ? ChangeStatus.Deleted
            : state.HasFlag(FileStatus.TypeChangeInIndex) ? ChangeStatus.TypeChanged
            : state.HasFlag(FileStatus.ModifiedInIndex) ? ChangeStatus.Modified
            : null;
        if (staged is { } s)
        {
            yield return new GitChange
            {
                Path = entry.FilePath,
                Status = s,
                Staged = true,
                OldPath = s == ChangeStatus.Renamed ? entry.HeadToIndexRenameDetails?.OldFilePath : null,
            };
        }

        ChangeStatus? unstaged =
            state.HasFlag(FileStatus.NewInWorkdir) ? ChangeStatus.Untracked
            : state.HasFlag(FileStatus.RenamedInWorkdir) ? ChangeStatus.Renamed
            : state.HasFlag(FileStatus.DeletedFromWorkdir) ? ChangeStatus.Deleted
            : state.HasFlag(FileStatus.TypeChangeInWorkdir) ? ChangeStatus.TypeChanged
            : state.HasFlag(FileStatus.ModifiedInWorkdir) ? ChangeStatus.Modified
            : null;
        if (unstaged is { } u)
        {
            yield return new GitChange
            {
                Path = entry.FilePath,
                Status = u,
                Staged = false,
                OldPath = u == ChangeStatus.Renamed ? entry.IndexToWorkDirRenameDetails?.OldFilePath : null,
            };
        }
    }
}
