using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Playbooks.Errors;

/// <summary>The playbook cannot be run as it is: missing, no tasks, malformed front matter, a bad template. The message says where.</summary>
public sealed class PlaybookInvalidException : MaestroException
{
    public PlaybookInvalidException(string message)
        : base(ErrorCodes.PlaybookInvalid, ErrorKinds.PlaybookInvalid, message)
    {
    }

    public PlaybookInvalidException()
        : this("The playbook is invalid.")
    {
    }

    public PlaybookInvalidException(string message, Exception inner)
        : base(ErrorCodes.PlaybookInvalid, ErrorKinds.PlaybookInvalid, message, null, inner)
    {
    }
}
