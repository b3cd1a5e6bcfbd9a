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

    public NativeCliAdapter(
        string agentName,
        string executable,
        IReadOnlyDictionary<string, string?> environment,
        AgentProcessRunner runner,
        Func<AgentTurn, IReadOnlyList<string>> arguments,
        Func<AgentTurn, IAgentStreamParser> newParser)
    {
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
        var process = await runner.RunAsync(
            new AgentLaunch { Executable = executable, Arguments = arguments(turn), WorkingDirectory = turn.WorkingDirectory, Environment = environment, SessionId = turn.SessionId },
            async (line, ct) =>
            {
                foreach (var e in parser.Parse(line))
                {
                    await sink.EmitAsync(e, ct);
                }

                if (parser.AgentSessionId is { } id && id != reported)
                {
                    reported = id;
                    await sink.SetAgentSessionIdAsync(id, ct);
                }
            },
            cancellationToken);
        return TurnOutcomes.From(agentName, process, parser.Outcome, parser.Garbage);
    }
}
