namespace Maestro.Protocol;

public sealed record SessionCloseParams
{
    public required string SessionId { get; init; }

    public bool RemoveWorktree { get; init; }
}
