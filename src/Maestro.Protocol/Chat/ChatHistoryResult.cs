namespace Maestro.Protocol;

public sealed record ChatHistoryResult
{
    public required IReadOnlyList<ChatMessage> Messages { get; init; }

    public required bool HasMore { get; init; }
}
