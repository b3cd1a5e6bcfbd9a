namespace Maestro.Protocol;

public sealed record FileChangeEvent : SessionEvent
{
    public required string Path { get; init; }

    public required FileChangeKind Change { get; init; }
}
