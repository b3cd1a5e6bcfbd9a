namespace Maestro.Protocol;

public sealed record SessionPromptResult
{
    public required string TurnId { get; init; }

    public required StopReason StopReason { get; init; }

    public required Usage Usage { get; init; }
}
