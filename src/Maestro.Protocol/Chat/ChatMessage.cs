namespace Maestro.Protocol;

public sealed record ChatMessage
{
    public required string Id { get; init; }

    public required long Seq { get; init; }

    /// <summary>"user" or a participant's alias.</summary>
    public required string Author { get; init; }

    public required string Text { get; init; }

    public required string Html { get; init; }

    public required IReadOnlyList<string> Mentions { get; init; }

    public required DateTimeOffset Time { get; init; }
}
