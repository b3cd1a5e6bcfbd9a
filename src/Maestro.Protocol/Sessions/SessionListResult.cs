namespace Maestro.Protocol;

public sealed record SessionListResult
{
    public required IReadOnlyList<Session> Sessions { get; init; }
}
