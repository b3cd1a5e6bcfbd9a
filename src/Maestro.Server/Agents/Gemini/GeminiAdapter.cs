using Maestro.Server.Agents.Running;

namespace Maestro.Server.Agents.Gemini;

/// <summary>Gemini CLI headless: one <c>gemini -p ... --output-format stream-json</c> process per turn, later turns with <c>--resume</c>.</summary>
public sealed class GeminiAdapter : IAgentAdapter
{
    private readonly string executable;
    private readonly IReadOnlyDictionary<string, string?> environment;
    private readonly AgentProcessRunner runner;

    public GeminiAdapter(string executable, IReadOnlyDictionary<string, string?> environment, AgentProcessRunner runner)
    {
        this.executable = executable;
        this.environment = environment;
        this.runner = runner;
    }

    public async Task<TurnOutcome> RunTurnAsync(AgentTurn turn, ITurnSink sink, CancellationToken cancellationToken)
    {
        var parser = new GeminiStreamParser(turn.WorkingDirectory);
        string? reported = null;
        var process = await runner.RunAsync(
            new AgentLaunch { Executable = executable, Arguments = GeminiArguments.For(turn), WorkingDirectory = turn.WorkingDirectory, Environment = environment },
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
        return TurnOutcomes.From("Gemini CLI", process, parser.Outcome, parser.Garbage);
    }
}
