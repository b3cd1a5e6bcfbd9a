namespace Maestro.Protocol;

public sealed record PlaybooksListParams
{
    public required string Cwd { get; init; }
}
