namespace Maestro.Protocol;

public sealed record PlaybooksListParams
{
    public required string Cwd { get; init; }

    /// <summary>Lists the playbooks of a folder of this host (<c>hosts/add</c>).</summary>
    public string? Host { get; init; }
}
