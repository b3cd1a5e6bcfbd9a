namespace Maestro.Server.Agents.Settings;

/// <summary>One agent's entry in <c>$MAESTRO_HOME/settings.json</c> under <c>agents</c>.</summary>
public sealed record AgentSettings
{
    /// <summary>The executable to run instead of the one found on PATH (native agents), or the ACP agent's command.</summary>
    public string? Path { get; init; }

    /// <summary>For configured ACP agents (<c>acp:&lt;name&gt;</c>): the command to run.</summary>
    public string? Command { get; init; }

    public IReadOnlyList<string>? Args { get; init; }

    public string? Name { get; init; }

    /// <summary>Environment variables added for this agent's processes (e.g. a base URL or an API key).</summary>
    public IReadOnlyDictionary<string, string?>? Env { get; init; }

    /// <summary>Model names editors offer for this agent (maestro acp's model picker); replaces the agent's built-in list.</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>The context window of the models used with this agent, in tokens (ACP editors show how full it is).</summary>
    public long? ContextWindow { get; init; }

    /// <summary>What Maestro does when the agent's provider is down or out of quota (see docs/resilience.md).</summary>
    public Sessions.Resilience.ResilienceSettings? Resilience { get; init; }
}
