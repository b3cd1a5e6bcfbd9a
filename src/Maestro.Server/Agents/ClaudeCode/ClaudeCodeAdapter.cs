using Maestro.Protocol;
using Maestro.Server.Agents.Running;

namespace Maestro.Server.Agents.ClaudeCode;

/// <summary>
/// Claude Code in print mode: one process per turn (<c>claude -p ... --output-format stream-json</c>),
/// later turns with <c>--resume &lt;session_id&gt;</c>, so the next prompt starts only after the last result.
/// </summary>
public sealed class ClaudeCodeAdapter : IAgentAdapter
{
    private readonly string executable;
    private readonly IReadOnlyDictionary<string, string?> environment;
    private readonly AgentProcessRunner runner;

    public ClaudeCodeAdapter(string executable, IReadOnlyDictionary<string, string?> environment, AgentProcessRunner runner)
    {
        this.executable = executable;
        this.environment = environment;
        this.runner = runner;
    }

    public async Task<TurnOutcome> RunTurnAsync(AgentTurn turn, ITurnSink sink, CancellationToken cancellationToken)
    {
        var parser = new ClaudeStreamParser(turn.WorkingDirectory);
        var launch = new AgentLaunch
        {
            Executable = executable,
            Arguments = ClaudeCodeArguments.For(turn),
            WorkingDirectory = turn.WorkingDirectory,
            Environment = environment,
        };
        string? reportedSession = null;
        var process = await runner.RunAsync(
            launch,
            async (line, ct) =>
            {
                foreach (var e in parser.Parse(line))
                {
                    await sink.EmitAsync(e, ct);
                }

                if (parser.SessionId is { } id && id != reportedSession)
                {
                    reportedSession = id;
                    await sink.SetAgentSessionIdAsync(id, ct);
                }
            },
            cancellationToken);

        return TurnOutcomes.From("Claude Code", process, parser.Outcome, parser.Garbage);
    }
}
