namespace Maestro.Protocol;

public sealed record PlaybookInfo
{
    public required string Path { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<PlaybookDocumentInfo> Documents { get; init; }
}
