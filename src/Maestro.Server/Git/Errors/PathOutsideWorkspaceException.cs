using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Git.Errors;

/// <summary>A path param that leaves the repository: <c>..</c>, an absolute path elsewhere, a symlink pointing out, or the git directory.</summary>
public sealed class PathOutsideWorkspaceException : MaestroException
{
    public PathOutsideWorkspaceException(string path, string root)
        : base(
            ErrorCodes.PathOutsideWorkspace,
            ErrorKinds.PathOutsideWorkspace,
            $"'{path}' is outside the working tree '{root}' (or inside its git directory); only paths inside it are accepted.",
            new ErrorData { Kind = ErrorKinds.PathOutsideWorkspace, Path = path })
    {
    }

    public PathOutsideWorkspaceException()
        : this("?", "?")
    {
    }

    public PathOutsideWorkspaceException(string message, Exception inner)
        : base(ErrorCodes.PathOutsideWorkspace, ErrorKinds.PathOutsideWorkspace, message, null, inner)
    {
    }
}
