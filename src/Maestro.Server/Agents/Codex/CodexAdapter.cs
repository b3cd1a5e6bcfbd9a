using Maestro.Server.Agents.Running;

namespace Maestro.Server.Agents.Codex;

/// <summary>Codex headless: one <c>codex exec --json</c> process per turn, stdin closed, later turns with <c>exec resume</c>.</summary>
public sealed class CodexAdapter : IAgentAdapter
{
    private readonly string executable;
    private readonly IReadOnlyDictionary<string, string?> environment;
    private readonly AgentProcessRunner runner;

    public CodexAdapter(string executable, IReadOnlyDictionary<string, string?> environment, AgentProcessRunner runner)
    {
        this.executable = executable;
        this.environment = environment;
        this.runner = runner;
    }

    public async Task<TurnOutcome> RunTurnAsync(AgentTurn turn, ITurnSink sink, CancellationToken cancellationToken)
    {
        var parser = new CodexStreamParser();
        string? reported = null;
        var process = await runner.RunAsync(
            new AgentLaunch { Executable = executable, Arguments = CodexArguments.For(turn), WorkingDirectory = turn.WorkingDirectory, Environment = environment },
            async (line, ct) =>
            {
                foreach (var e in parser.Parse(line))
                {
                    await sink.EmitAsync(e, ct);
                }

                if (parser.ThreadId is { } id && id != reported)
                {
                    reported = id;
                    await sink.SetAgentSessionIdAsync(id, ct);
                }
            },
            cancellationToken);
        return TurnOutcomes.From("Codex", process, parser.Outcome, parser.Garbage);
    }
}
