namespace Maestro.Protocol;

public sealed record StatsExportResult
{
    public required string Format { get; init; }

    public required long Rows { get; init; }

    /// <summary>The file's text: RFC 4180 CSV with a header line, invariant culture, times in UTC ISO 8601.</summary>
    public required string Text { get; init; }
}
