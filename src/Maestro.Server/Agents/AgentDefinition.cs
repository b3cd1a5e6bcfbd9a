using Maestro.Protocol;
using Maestro.Server.Agents.Running;
using Maestro.Server.Sessions.Discovery;

namespace Maestro.Server.Agents;

/// <summary>
/// Everything Maestro knows about one agent: how to find and start it, and, for a native CLI, the command line of a
/// turn, the parser of its output and where it keeps its conversations. Adding an agent is a folder under Agents/
/// with these parts and one entry in <see cref="KnownAgents"/>.
/// </summary>
public sealed record AgentDefinition
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required AgentKind Kind { get; init; }

    /// <summary>The executable looked up on PATH, or a path.</summary>
    public required string Executable { get; init; }

    /// <summary>Arguments that always follow the executable (e.g. <c>--acp</c>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Where to get it, said when it is missing.</summary>
    public required string InstallHint { get; init; }

    /// <summary>A native CLI: the arguments of one headless turn (one process per turn). Null for ACP agents.</summary>
    public Func<AgentTurn, IReadOnlyList<string>>? TurnArguments { get; init; }

    /// <summary>A native CLI that takes the prompt on stdin: what to write there. Null closes stdin at once.</summary>
    public Func<AgentTurn, string>? TurnStandardInput { get; init; }

    /// <summary>A native CLI: a fresh reader of one turn's JSON lines. Null for ACP agents.</summary>
    public Func<AgentTurn, IAgentStreamParser>? StreamParser { get; init; }

    /// <summary>Where the agent keeps its conversations, for discovery and import; null when Maestro cannot read them.</summary>
    public Func<IServiceProvider, ISessionSource>? SessionSource { get; init; }

    /// <summary>
    /// A native CLI whose reported cost is the conversation's running total rather than the turn's (Claude Code's
    /// <c>total_cost_usd</c> on <c>--resume</c>): Maestro stores the difference.
    /// </summary>
    public bool ReportsRunningCostTotal { get; init; }

    /// <summary>Reads this agent's failure shapes: which failed turns are an outage or a spent quota worth resending.</summary>
    public Sessions.Resilience.ITurnFailureClassifier FailureClassifier { get; init; } = Sessions.Resilience.TextFailureClassifier.Instance;

    /// <summary>Model names the agent's own documentation gives (offered when settings.json lists none); empty when it gives none that last.</summary>
    public IReadOnlyList<string> KnownModels { get; init; } = [];

    /// <summary>The context window its documentation gives for its models, in tokens; null when it varies or is not given.</summary>
    public long? ContextWindow { get; init; }

    public string CommandLine => Arguments.Count == 0 ? Executable : Executable + " " + string.Join(' ', Arguments);
}
