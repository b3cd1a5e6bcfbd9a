using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>An undo whose lines were changed again since the decision: undoing it would overwrite that, so nothing is changed.</summary>
public sealed class ReviewConflictException : MaestroException
{
    public ReviewConflictException(string message, IReadOnlyList<string> paths)
        : base(ErrorCodes.ReviewConflict, ErrorKinds.ReviewConflict, message, new ErrorData { Kind = ErrorKinds.ReviewConflict, Paths = paths })
    {
    }

    public ReviewConflictException()
        : this("The lines changed again since the decision.", [])
    {
    }

    public ReviewConflictException(string message, Exception inner)
        : base(ErrorCodes.ReviewConflict, ErrorKinds.ReviewConflict, message, null, inner)
    {
    }
}
