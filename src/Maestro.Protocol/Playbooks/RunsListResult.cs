namespace Maestro.Protocol;

public sealed record RunsListResult
{
    public required IReadOnlyList<Run> Runs { get; init; }
}
