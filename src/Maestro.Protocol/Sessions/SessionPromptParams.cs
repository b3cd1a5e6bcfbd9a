namespace Maestro.Protocol;

public sealed record SessionPromptParams
{
    public required string SessionId { get; init; }

    public required string Text { get; init; }
}
