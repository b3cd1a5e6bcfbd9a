using Maestro.Protocol;
using Maestro.Server.Agents.Acp;
using Maestro.Server.Agents.Permissions;
using Maestro.Server.Hosting;
using Microsoft.Extensions.Logging;
using Maestro.Server.Agents.Errors;
using Maestro.Server.Agents.Settings;

namespace Maestro.Server.Agents.Running;

/// <summary>Creates the adapter that runs a given agent, with its executable and environment resolved.</summary>
public sealed class AgentAdapterFactory
{
    private readonly AgentCatalog catalog;
    private readonly SettingsStore settings;
    private readonly AgentProcessRunner runner;
    private readonly PermissionBroker permissions;
    private readonly MaestroOptions options;
    private readonly ILoggerFactory loggers;
    private readonly AgentCostTotals costTotals;

    public AgentAdapterFactory(AgentCatalog catalog, SettingsStore settings, AgentProcessRunner runner, PermissionBroker permissions, MaestroOptions options, ILoggerFactory loggers, AgentCostTotals costTotals)
    {
        this.costTotals = costTotals;
        this.catalog = catalog;
        this.settings = settings;
        this.runner = runner;
        this.permissions = permissions;
        this.options = options;
        this.loggers = loggers;
    }

    /// <summary>What is masked in this agent's error texts: its configured env values and the known key shapes.</summary>
    public SecretRedactor RedactorFor(string agentId)
    {
        var configured = settings.For(agentId);
        return SecretRedactor.ForAgent(Merge(configured?.Env, configured?.Resilience?.Failover?.Env)); // the backup's key too
    }

    /// <summary>The agent's adapter; <paramref name="envOverride"/> (a failover's endpoint) is added over its configured environment.</summary>
    public IAgentAdapter Create(string agentId, IReadOnlyDictionary<string, string?>? envOverride = null)
    {
        var definition = catalog.Find(agentId)
            ?? throw new AgentUnavailableException($"There is no agent '{agentId}'. 'agents/list' shows the known agents; ACP agents are added in $MAESTRO_HOME/settings.json.");
        var executable = catalog.Locate(definition)
            ?? throw new AgentUnavailableException($"{definition.Name} is not installed: '{definition.Executable}' is not on PATH. Install it with: {definition.InstallHint}, or set agents.\"{agentId}\".path in $MAESTRO_HOME/settings.json.");
        var environment = Merge(settings.For(agentId)?.Env, envOverride);
        if (definition.Kind == AgentKind.Acp)
        {
            var configured = settings.For(agentId);
            var launch = new AgentLaunch
            {
                Executable = executable,
                Arguments = configured?.Args ?? definition.Arguments,
                WorkingDirectory = Environment.CurrentDirectory,
                Environment = environment,
            };
            return new AcpAdapter(launch, permissions, options, runner.Processes, runner.Output, loggers.CreateLogger<AcpAdapter>());
        }

        if (definition.TurnArguments is null || definition.StreamParser is null)
        {
            throw new AgentUnavailableException($"Maestro cannot run {definition.Name} sessions: its definition has no command line or stream parser.");
        }

        return new NativeCliAdapter(definition.Name, executable, environment, runner, definition.TurnArguments, definition.StreamParser, options.MaxAgentLineBytes, definition.ReportsRunningCostTotal ? costTotals : null, definition.TurnStandardInput);
    }

    private static IReadOnlyDictionary<string, string?> Merge(IReadOnlyDictionary<string, string?>? configured, IReadOnlyDictionary<string, string?>? over)
    {
        if (over is not { Count: > 0 })
        {
            return configured ?? new Dictionary<string, string?>();
        }

        var merged = new Dictionary<string, string?>(configured ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
        foreach (var (name, value) in over)
        {
            merged[name] = value;
        }

        return merged;
    }
}
