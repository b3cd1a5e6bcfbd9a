using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Git.Errors;

/// <summary>A path that is in no git repository (or in one without a working tree).</summary>
public sealed class NotARepositoryException : MaestroException
{
    public NotARepositoryException(string path, string? reason = null)
        : base(
            ErrorCodes.NotARepository,
            ErrorKinds.NotARepository,
            reason ?? $"'{path}' is not inside a git repository or worktree.",
            new ErrorData { Kind = ErrorKinds.NotARepository, Path = path })
    {
    }

    public NotARepositoryException()
        : this("?")
    {
    }

    public NotARepositoryException(string message, Exception inner)
        : base(ErrorCodes.NotARepository, ErrorKinds.NotARepository, message, null, inner)
    {
    }
}
