namespace Maestro.Protocol;

public sealed record PermissionOption
{
    public required string Id { get; init; }

    public required string Label { get; init; }

    public required PermissionOptionKind Kind { get; init; }
}
