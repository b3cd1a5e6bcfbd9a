using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Playbooks.Errors;

/// <summary>No run has this id. The protocol has no code of its own for it, so it is an invalid-params error.</summary>
public sealed class RunNotFoundException : MaestroException
{
    public RunNotFoundException(string runId)
        : base(ErrorCodes.InvalidParams, ErrorKinds.InvalidParams, $"There is no run '{runId}'. 'runs/list' shows the runs.")
    {
    }

    public RunNotFoundException()
        : this("?")
    {
    }

    public RunNotFoundException(string message, Exception inner)
        : base(ErrorCodes.InvalidParams, ErrorKinds.InvalidParams, message, null, inner)
    {
    }
}
