namespace Maestro.Protocol;

public sealed record SessionArchiveParams
{
    public required string SessionId { get; init; }

    /// <summary>True to archive, false to bring the session back into the lists.</summary>
    public bool Archived { get; init; } = true;
}
