namespace Maestro.Protocol;

public sealed record SessionOutputResult
{
    /// <summary>In seq order.</summary>
    public required IReadOnlyList<SessionOutputLine> Lines { get; init; }

    /// <summary>True when lines after <c>afterSeq</c> were dropped already (the ring keeps only the last ones).</summary>
    public required bool Truncated { get; init; }
}
