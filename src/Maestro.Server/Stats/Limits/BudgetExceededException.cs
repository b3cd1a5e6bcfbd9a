using Maestro.Protocol;
using Maestro.Server.Errors;

namespace Maestro.Server.Stats.Limits;

/// <summary>A cost limit is spent: the message names it, what was spent, and how to raise it.</summary>
public sealed class BudgetExceededException : MaestroException
{
    public BudgetExceededException(string message)
        : base(ErrorCodes.BudgetExceeded, ErrorKinds.BudgetExceeded, message)
    {
    }

    public BudgetExceededException()
        : this("A cost limit is spent.")
    {
    }

    public BudgetExceededException(string message, Exception inner)
        : base(ErrorCodes.BudgetExceeded, ErrorKinds.BudgetExceeded, message, null, inner)
    {
    }
}
