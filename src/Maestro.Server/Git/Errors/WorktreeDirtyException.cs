using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Git.Errors;

/// <summary>A worktree with uncommitted or untracked work that the caller did not force away.</summary>
public sealed class WorktreeDirtyException : MaestroException
{
    public WorktreeDirtyException(string path, IReadOnlyList<string> dirtyPaths)
        : base(
            ErrorCodes.WorktreeDirty,
            ErrorKinds.WorktreeDirty,
            $"The worktree '{path}' has uncommitted changes in {dirtyPaths.Count} path(s): {Summarize(dirtyPaths)}. Commit, accept or reject them, or pass force to discard them.",
            new ErrorData { Kind = ErrorKinds.WorktreeDirty, Path = path, Paths = dirtyPaths })
    {
    }

    public WorktreeDirtyException()
        : this("?", [])
    {
    }

    public WorktreeDirtyException(string message, Exception inner)
        : base(ErrorCodes.WorktreeDirty, ErrorKinds.WorktreeDirty, message, null, inner)
    {
    }

    private static string Summarize(IReadOnlyList<string> paths)
        => paths.Count <= 10 ? string.Join(", ", paths) : string.Join(", ", paths.Take(10)) + $" and {paths.Count - 10} more";
}
