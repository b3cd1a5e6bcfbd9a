namespace Maestro.Protocol;

public sealed record PlaybookDocumentInfo
{
    public required string Path { get; init; }

    public required int Total { get; init; }

    public required int Done { get; init; }
}
