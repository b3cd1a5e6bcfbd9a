namespace Maestro.Protocol;

/// <summary>One line an agent wrote to stderr: ANSI escapes removed, secrets masked, cut at 2000 characters.</summary>
public sealed record SessionOutputLine
{
    /// <summary>Per session, from 1, contiguous, for as long as the daemon runs (a restart starts again at 1).</summary>
    public required long Seq { get; init; }

    /// <summary>When the daemon read the line.</summary>
    public required DateTimeOffset At { get; init; }

    public required string Text { get; init; }
}
