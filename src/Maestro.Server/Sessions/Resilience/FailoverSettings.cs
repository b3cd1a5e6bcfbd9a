namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// One agent's <c>resilience.failover</c> entry in settings.json: after <c>afterMinutes</c> of one outage the turn is
/// resent to a backup, the same agent with another <c>model</c> and/or another endpoint (<c>env</c> added over the
/// agent's own, e.g. a base URL and its key). The same agent, because the turn resumes the agent's own conversation,
/// which another CLI cannot read. Only that turn goes to the backup: the next turn tries the primary first.
/// </summary>
public sealed record FailoverSettings
{
    public double? AfterMinutes { get; init; }

    public string? Model { get; init; }

    public IReadOnlyDictionary<string, string?>? Env { get; init; }

    /// <summary>Failover is on only when it says when and to what.</summary>
    public bool Configured => AfterMinutes is >= 0 && (Model is not null || Env is { Count: > 0 });

    public TimeSpan After => TimeSpan.FromMinutes(AfterMinutes ?? 0);

    /// <summary>What the transcript says the turn was resent to: the model and the names (never the values) of the endpoint's variables.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Model is not null)
        {
            parts.Add("model " + Model);
        }

        if (Env is { Count: > 0 })
        {
            parts.Add($"the backup endpoint ({string.Join(", ", Env.Keys.Order(StringComparer.Ordinal))})");
        }

        return string.Join(" on ", parts);
    }
}
