namespace Maestro.Protocol;

/// <summary>Sent by the server to a client that said it answers permissions.</summary>
public sealed record PermissionRequestParams
{
    public required string SessionId { get; init; }

    public required PermissionToolCall ToolCall { get; init; }

    public required IReadOnlyList<PermissionOption> Options { get; init; }

    /// <summary>The host of the session, when the request comes from an agent on another machine.</summary>
    public string? Host { get; init; }
}
