namespace Maestro.Protocol;

/// <summary>One stored event of a session; seq numbers are contiguous per session, from 1.</summary>
public sealed record SessionEventNotification
{
    public required string SessionId { get; init; }

    public required long Seq { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required SessionEvent Event { get; init; }

    /// <summary>The host of the session, for a session of another machine relayed by this daemon.</summary>
    public string? Host { get; init; }
}
