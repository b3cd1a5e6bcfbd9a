namespace Maestro.Protocol;

public sealed record RunsListParams
{
    public RunStatus? Status { get; init; }
}
