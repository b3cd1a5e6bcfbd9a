namespace Maestro.Protocol;

public sealed record PlaybooksListResult
{
    public required IReadOnlyList<PlaybookInfo> Playbooks { get; init; }
}
