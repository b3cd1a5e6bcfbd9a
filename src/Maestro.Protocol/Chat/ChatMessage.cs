namespace Maestro.Protocol;

public sealed record ChatMessage
{
    public required string Id { get; init; }

    /// <summary>Contiguous per room, from 1; stored before it is broadcast.</summary>
    public required long Seq { get; init; }

    /// <summary>A participant's alias, "user", "moderator" or "system".</summary>
    public required string Author { get; init; }

    public required string Text { get; init; }

    public required string Html { get; init; }

    /// <summary>The participants this message addresses, in the order written ("all" expanded).</summary>
    public required IReadOnlyList<string> Mentions { get; init; }

    public required DateTimeOffset Time { get; init; }
}
