using Maestro.Protocol;

namespace Maestro.Server.Agents.Running;

/// <summary>Combines what the process did (exit code, timeout, cancel) with what the agent said about its turn.</summary>
public static class TurnOutcomes
{
    public static TurnOutcome From(string agentName, AgentProcessResult process, TurnOutcome? reported, IReadOnlyList<string> garbage)
    {
        if (process.Cancelled)
        {
            return new TurnOutcome(StopReason.Cancelled, reported?.Usage ?? Usage.Zero);
        }

        if (process.TimedOut)
        {
            return new TurnOutcome(StopReason.Error, reported?.Usage ?? Usage.Zero, $"{agentName} printed nothing for too long and was stopped (idle timeout). Is its model endpoint reachable?", Detail(process, garbage));
        }

        if (reported is not null && (process.ExitCode == 0 || reported.StopReason != StopReason.EndTurn))
        {
            return reported.Error is null ? reported : reported with { Detail = Detail(process, garbage) };
        }

        var why = process.ExitCode != 0 ? $"{agentName} exited with code {process.ExitCode}" : $"{agentName} ended without reporting the end of its turn";
        return new TurnOutcome(StopReason.Error, reported?.Usage ?? Usage.Zero, why + ".", Detail(process, garbage));
    }

    private static string? Detail(AgentProcessResult process, IReadOnlyList<string> garbage)
    {
        var parts = new List<string>();
        if (process.StderrTail.Length > 0)
        {
            parts.Add("stderr:\n" + process.StderrTail);
        }

        if (garbage.Count > 0)
        {
            parts.Add("unreadable output:\n" + string.Join('\n', garbage.TakeLast(10)));
        }

        return parts.Count == 0 ? null : string.Join("\n\n", parts);
    }
}
