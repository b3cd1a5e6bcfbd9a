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

    /// <summary>What Maestro does when the agent's provider is down or out of quota (see docs/resilience.md).</summary>
    public Sessions.Resilience.ResilienceSettings? Resilience { get; init; }
}
