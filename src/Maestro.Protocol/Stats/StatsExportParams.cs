namespace Maestro.Protocol;

/// <summary>Every turn in [since, until), one row each.</summary>
public sealed record StatsExportParams
{
    /// <summary>"csv" (the only format so far).</summary>
    public required string Format { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }
}
