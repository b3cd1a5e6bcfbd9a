namespace Maestro.Protocol;

public sealed record GitCommit
{
    public required string Sha { get; init; }

    public required string Summary { get; init; }

    public required string Author { get; init; }

    public required DateTimeOffset Time { get; init; }
}
