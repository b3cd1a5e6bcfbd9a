namespace Maestro.Protocol;

/// <summary>
/// <c>sessions/outputAppended</c>: new stderr lines of a session's agent, batched (at most every 100 ms per session).
/// A client that holds lines up to some seq skips the ones it has; a gap is filled with <c>sessions/output {afterSeq}</c>.
/// </summary>
public sealed record SessionOutputAppendedNotification
{
    public required string SessionId { get; init; }

    /// <summary>In seq order, contiguous.</summary>
    public required IReadOnlyList<SessionOutputLine> Lines { get; init; }

    /// <summary>The host of the session, for a session of another machine relayed by this daemon.</summary>
    public string? Host { get; init; }
}
