namespace Maestro.Protocol;

public sealed record SessionDeleteParams
{
    public required string SessionId { get; init; }

    /// <summary>Close the session first when it is still open (its agent is stopped, a running turn cancelled).</summary>
    public bool Force { get; init; }
}
