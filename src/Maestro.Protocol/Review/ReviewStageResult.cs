namespace Maestro.Protocol;

public sealed record ReviewStageResult
{
    public required int Staged { get; init; }
}
