namespace Maestro.Protocol;

public sealed record SessionListParams
{
    public string? Cwd { get; init; }

    public SessionStatus? Status { get; init; }
}
