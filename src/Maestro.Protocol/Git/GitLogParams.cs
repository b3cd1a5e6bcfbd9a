namespace Maestro.Protocol;

public sealed record GitLogParams
{
    public required string Cwd { get; init; }

    public int? Limit { get; init; }

    public string? Ref { get; init; }
}
