using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>A reject that would lose the user's own edits made on top of the agent's: refused unless confirmed, naming what would be lost.</summary>
public sealed class MixedHunkException : MaestroException
{
    public MixedHunkException(string message, IReadOnlyList<string> paths, IReadOnlyList<string> hunkIds)
        : base(ErrorCodes.MixedHunk, ErrorKinds.MixedHunk, message, new ErrorData { Kind = ErrorKinds.MixedHunk, Paths = paths, HunkIds = hunkIds })
    {
    }

    public MixedHunkException()
        : this("The user edited these agent changes since; confirm to reject them anyway.", [], [])
    {
    }

    public MixedHunkException(string message, Exception inner)
        : base(ErrorCodes.MixedHunk, ErrorKinds.MixedHunk, message, null, inner)
    {
    }
}
