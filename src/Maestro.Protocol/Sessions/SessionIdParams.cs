namespace Maestro.Protocol;

/// <summary>Params of the methods that only name a session: get, cancel.</summary>
public sealed record SessionIdParams
{
    public required string SessionId { get; init; }
}
