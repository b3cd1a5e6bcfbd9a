namespace Maestro.Protocol;

public sealed record GitLogParams
{
    public required string Cwd { get; init; }

    public int? Limit { get; init; }

    public string? Ref { get; init; }

    /// <summary>The host (<c>hosts/add</c>) whose folder this is: the request goes to that host's daemon.</summary>
    public string? Host { get; init; }
}
