using Maestro.Server.Agents.Running;

namespace Maestro.Server.Agents.OpenCode;

/// <summary>OpenCode headless: one <c>opencode run --format json</c> process per turn, later turns with <c>--session</c>.</summary>
public sealed class OpenCodeAdapter : IAgentAdapter
{
    private readonly string executable;
    private readonly IReadOnlyDictionary<string, string?> environment;
    private readonly AgentProcessRunner runner;

    public OpenCodeAdapter(string executable, IReadOnlyDictionary<string, string?> environment, AgentProcessRunner runner)
    {
        this.executable = executable;
        this.environment = environment;
        this.runner = runner;
    }

    public async Task<TurnOutcome> RunTurnAsync(AgentTurn turn, ITurnSink sink, CancellationToken cancellationToken)
    {
        var parser = new OpenCodeStreamParser(turn.WorkingDirectory);
        string? reported = null;
        var process = await runner.RunAsync(
            new AgentLaunch { Executable = executable, Arguments = OpenCodeArguments.For(turn), WorkingDirectory = turn.WorkingDirectory, Environment = environment },
            async (line, ct) =>
            {
                foreach (var e in parser.Parse(line))
                {
                    await sink.EmitAsync(e, ct);
                }

                if (parser.SessionId is { } id && id != reported)
                {
                    reported = id;
                    await sink.SetAgentSessionIdAsync(id, ct);
                }
            },
            cancellationToken);
        return TurnOutcomes.From("OpenCode", process, parser.Outcome, parser.Garbage);
    }
}
