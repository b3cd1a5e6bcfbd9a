using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Git.Errors;

/// <summary>Hunk ids that match no current hunk: the file changed since the client read the review.</summary>
public sealed class StaleHunkException : MaestroException
{
    public StaleHunkException(IReadOnlyList<string> hunkIds)
        : base(
            ErrorCodes.StaleHunk,
            ErrorKinds.StaleHunk,
            $"{hunkIds.Count} hunk id(s) no longer match the files ({string.Join(", ", hunkIds)}): they changed since the review was read. Nothing was changed; ask 'review/changes' again.",
            new ErrorData { Kind = ErrorKinds.StaleHunk, HunkIds = hunkIds })
    {
    }

    public StaleHunkException()
        : this([])
    {
    }

    public StaleHunkException(string message, Exception inner)
        : base(ErrorCodes.StaleHunk, ErrorKinds.StaleHunk, message, null, inner)
    {
    }
}
