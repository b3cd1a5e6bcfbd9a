namespace Maestro.Protocol;

public sealed record ChatHistoryResult
{
    public required IReadOnlyList<ChatMessage> Messages { get; init; }
}
