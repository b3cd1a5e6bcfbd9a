using Maestro.Protocol;
using Maestro.Server.Agents.Running;

namespace Maestro.Server.Tests.Agents;

/// <summary>How a turn's end is read from the process and the agent's own report.</summary>
public sealed class TurnOutcomesTests
{
    private static AgentProcessResult Process(int exit, bool timedOut = false, bool cancelled = false, string stderr = "")
        => new() { ExitCode = exit, TimedOut = timedOut, Cancelled = cancelled, StderrTail = stderr };

    [Fact]
    public void A_clean_exit_with_a_reported_end_is_the_agents_outcome()
    {
        var reported = new TurnOutcome(StopReason.EndTurn, new Usage { InputTokens = 5 });
        Assert.Same(reported, TurnOutcomes.From("Agent", Process(0), reported, []));
    }

    [Fact]
    public void A_non_zero_exit_fails_the_turn_with_the_stderr_tail_and_the_garbage()
    {
        var outcome = TurnOutcomes.From("Agent", Process(3, stderr: "boom"), null, ["not json"]);
        Assert.Equal(StopReason.Error, outcome.StopReason);
        Assert.Contains("exited with code 3", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("boom", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("not json", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_exit_without_a_reported_end_is_an_error()
    {
        var outcome = TurnOutcomes.From("Agent", Process(0), null, []);
        Assert.Equal(StopReason.Error, outcome.StopReason);
        Assert.Contains("without reporting the end", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Idle_timeout_and_cancel_are_told_apart()
    {
        Assert.Contains("idle timeout", TurnOutcomes.From("Agent", Process(-1, timedOut: true), null, []).Error, StringComparison.Ordinal);
        Assert.Equal(StopReason.Cancelled, TurnOutcomes.From("Agent", Process(-1, cancelled: true), null, []).StopReason);
    }
}
