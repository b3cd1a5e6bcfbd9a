using Maestro.Server.Agents;
using Maestro.Server.Agents.Settings;

namespace Maestro.Server.Sessions.Resilience;

/// <summary>Builds each agent's <see cref="TurnRetryPolicy"/> from its definition's classifier and its settings, read anew for every session.</summary>
public sealed class TurnRetryPolicies
{
    private readonly AgentCatalog catalog;
    private readonly SettingsStore settings;

    public TurnRetryPolicies(AgentCatalog catalog, SettingsStore settings)
    {
        this.catalog = catalog;
        this.settings = settings;
    }

    public TurnRetryPolicy For(string agentId)
    {
        var classifier = catalog.Find(agentId)?.FailureClassifier ?? TextFailureClassifier.Instance;
        return new TurnRetryPolicy(classifier, settings.For(agentId)?.Resilience ?? new ResilienceSettings());
    }
}
