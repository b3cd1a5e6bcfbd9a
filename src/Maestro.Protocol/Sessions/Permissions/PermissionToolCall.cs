using System.Text.Json;

namespace Maestro.Protocol;

public sealed record PermissionToolCall
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required string Kind { get; init; }

    public JsonElement? Input { get; init; }
}
