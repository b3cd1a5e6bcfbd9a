using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Git.Errors;

/// <summary>
/// A branch that deleting with its worktree would lose commits: it is kept. The worktree is already gone by then, so
/// the message says so first (<c>done</c>), then how to delete the branch anyway: retrying the removal cannot.
/// </summary>
public sealed class BranchNotMergedException : MaestroException
{
    /// <param name="done">What was done before the branch was kept, e.g. "The worktree '/r.worktrees/x' was removed".</param>
    /// <param name="worktree">The removed worktree's folder.</param>
    /// <param name="branch">The branch kept.</param>
    /// <param name="mergedInto">What it is not merged into, quoted, e.g. "'main'".</param>
    /// <param name="repository">The main working tree, where <c>git branch -D</c> deletes it.</param>
    public BranchNotMergedException(string done, string worktree, string branch, string mergedInto, string repository)
        : base(
            ErrorCodes.BranchNotMerged,
            ErrorKinds.BranchNotMerged,
            $"{done}, but its branch '{branch}' was kept: it has commits not merged into {mergedInto}. Merge them first, or delete the branch anyway with: git -C {ShellWord(repository)} branch -D {ShellWord(branch)}",
            new ErrorData { Kind = ErrorKinds.BranchNotMerged, Path = worktree, Branch = branch })
    {
    }

    public BranchNotMergedException()
        : this("The worktree was removed", "?", "?", "its base", "?")
    {
    }

    public BranchNotMergedException(string message, Exception inner)
        : base(ErrorCodes.BranchNotMerged, ErrorKinds.BranchNotMerged, message, null, inner)
    {
    }

    /// <summary>The word as a POSIX shell reads it back: as is when it is plain, else in single quotes.</summary>
    private static string ShellWord(string word)
        => word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or '@' or ',' or '=' or ':')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
