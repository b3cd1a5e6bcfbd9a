namespace Maestro.Protocol;

public sealed record WorktreePruneParams
{
    public required string Repo { get; init; }

    /// <summary>The host (<c>hosts/add</c>) to ask; absent for this machine. Paths are paths there.</summary>
    public string? Host { get; init; }
}
