namespace Maestro.Protocol;

/// <summary>Tokens and cost, per turn or summed over a session or run.</summary>
public sealed record Usage
{
    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    public long CacheReadTokens { get; init; }

    public long CacheWriteTokens { get; init; }

    public decimal CostUsd { get; init; }

    public static Usage Zero { get; } = new();

    public Usage Add(Usage other) => new()
    {
        InputTokens = InputTokens + other.InputTokens,
        OutputTokens = OutputTokens + other.OutputTokens,
        CacheReadTokens = CacheReadTokens + other.CacheReadTokens,
        CacheWriteTokens = CacheWriteTokens + other.CacheWriteTokens,
        CostUsd = CostUsd + other.CostUsd,
    };
}
