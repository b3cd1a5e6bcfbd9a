namespace Maestro.Protocol;

public sealed record StatsTotals
{
    public long Sessions { get; init; }

    public long Turns { get; init; }

    public long RuntimeMs { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public decimal CostUsd { get; init; }

    public long TasksDone { get; init; }
}
