using Maestro.Protocol;
using Maestro.Server.Playbooks.Errors;

namespace Maestro.Server.Playbooks.Config;

/// <summary>The ranges loops, retries and budgets must fall in, wherever they come from.</summary>
public static class RunLimits
{
    public const int MaxLoops = 1000;
    public const int MaxRetries = 10;

    public static void Validate(int? loops, int? retries, RunBudget? budget)
    {
        if (loops is < 1 or > MaxLoops)
        {
            throw new PlaybookInvalidException($"loops is {loops}; it must be between 1 and {MaxLoops}.");
        }

        if (retries is < 0 or > MaxRetries)
        {
            throw new PlaybookInvalidException($"retries is {retries}; it must be between 0 and {MaxRetries}.");
        }

        if (budget?.MaxTasks is < 1)
        {
            throw new PlaybookInvalidException($"budget.maxTasks is {budget.MaxTasks}; it must be at least 1.");
        }

        if (budget?.MaxCostUsd is <= 0)
        {
            throw new PlaybookInvalidException($"budget.maxCostUsd is {budget.MaxCostUsd}; it must be more than 0.");
        }

        if (budget?.MaxMinutes is not null && (!(budget.MaxMinutes > 0) || double.IsInfinity(budget.MaxMinutes.Value)))
        {
            throw new PlaybookInvalidException($"budget.maxMinutes is {budget.MaxMinutes}; it must be more than 0.");
        }

        if (budget?.MaxTaskMinutes is not null && (!(budget.MaxTaskMinutes > 0) || double.IsInfinity(budget.MaxTaskMinutes.Value)))
        {
            throw new PlaybookInvalidException($"budget.maxTaskMinutes is {budget.MaxTaskMinutes}; it must be more than 0.");
        }
    }
}
