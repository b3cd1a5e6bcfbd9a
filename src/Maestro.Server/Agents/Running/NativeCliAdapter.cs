using Maestro.Protocol;

namespace Maestro.Server.Agents.Running;

/// <summary>
/// An agent CLI run headless, one process per turn, that prints JSON lines: Claude Code, Codex, OpenCode,
/// Gemini CLI. They differ only in their command line and their parser; later turns resume the agent's own
/// conversation through the id the parser read.
/// </summary>
public sealed class NativeCliAdapter : IAgentAdapter
{
    private readonly string agentName;
    private readonly string executable;
    private readonly IReadOnlyDictionary<string, string?> environment;
    private readonly AgentProcessRunner runner;
    private readonly Func<AgentTurn, IReadOnlyList<string>> arguments;
    private readonly Func<AgentTurn, IAgentStreamParser> newParser;
    private readonly int maxLineBytes;
    private readonly AgentCostTotals? costTotals;
    private readonly Func<AgentTurn, string>? standardInput;

    public NativeCliAdapter(
        string agentName,
        string executable,
        IReadOnlyDictionary<string, string?> environment,
        AgentProcessRunner runner,
        Func<AgentTurn, IReadOnlyList<string>> arguments,
        Func<AgentTurn, IAgentStreamParser> newParser,
        int maxLineBytes,
        AgentCostTotals? costTotals = null,
        Func<AgentTurn, string>? standardInput = null)
    {
        this.standardInput = standardInput;
        this.maxLineBytes = maxLineBytes;
        this.costTotals = costTotals;
        this.agentName = agentName;
        this.executable = executable;
        this.environment = environment;
        this.runner = runner;
        this.arguments = arguments;
        this.newParser = newParser;
    }

    public async Task<TurnOutcome> RunTurnAsync(AgentTurn turn, ITurnSink sink, CancellationToken cancellationToken)
    {
        var parser = newParser(turn);
        string? reported = null;
        // An agent whose cost is the conversation's running total (costTotals set): a turn costs the difference.
        var costBefore = costTotals is not null && turn.AgentSessionId is not null ? await costTotals.GetAsync(turn.AgentSessionId, cancellationToken) : 0m;
        decimal? reportedTotal = null;
        var process = await runner.RunAsync(
            new AgentLaunch { Executable = executable, Arguments = arguments(turn), WorkingDirectory = turn.WorkingDirectory, Environment = environment, SessionId = turn.SessionId, StandardInput = standardInput?.Invoke(turn) },
            async (line, ct) =>
            {
                IEnumerable<SessionEvent> events;
                try
                {
                    events = parser.Parse(line).ToList();
                }
                catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or System.Text.Json.JsonException)
                {
                    // A line the parser cannot read (a lone surrogate escape, an odd shape) is kept for the report, never fatal.
                    parser.Garbage.Add(line.Length > 500 ? line[..500] : line);
                    return;
                }

                foreach (var e in events)
                {
                    if (costTotals is not null && e is UsageEvent usage)
                    {
                        reportedTotal = usage.Usage.CostUsd;
                        await sink.EmitAsync(usage with { Usage = usage.Usage with { CostUsd = AgentCostTotals.TurnCost(costBefore, usage.Usage.CostUsd) } }, ct);
                        continue;
                    }

                    await sink.EmitAsync(e, ct);
                }

                if (parser.AgentSessionId is { } id && id != reported)
                {
                    reported = id;
                    await sink.SetAgentSessionIdAsync(id, ct);
                }
            },
            cancellationToken,
            (length, ct) => sink.EmitAsync(OverlongLine.Notice(agentName, length, maxLineBytes), ct).AsTask());
        var outcome = TurnOutcomes.From(agentName, process, parser.Outcome, parser.Garbage);
        if (costTotals is not null && reportedTotal is { } total)
        {
            if (parser.AgentSessionId is { } conversation)
            {
                await costTotals.SetAsync(conversation, total, CancellationToken.None);
            }

            outcome = outcome with { Usage = outcome.Usage with { CostUsd = AgentCostTotals.TurnCost(costBefore, total) } };
        }

        return outcome;
    }
}
