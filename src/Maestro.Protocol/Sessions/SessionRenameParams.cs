namespace Maestro.Protocol;

public sealed record SessionRenameParams
{
    public required string SessionId { get; init; }

    public required string Name { get; init; }
}
