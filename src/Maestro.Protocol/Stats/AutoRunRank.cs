namespace Maestro.Protocol;

/// <summary>One step of the Auto Run ladder: reached once the cumulative run time is at least <see cref="FromMs"/>.</summary>
public sealed record AutoRunRank
{
    public required int Level { get; init; }

    public required string Name { get; init; }

    public required long FromMs { get; init; }
}
