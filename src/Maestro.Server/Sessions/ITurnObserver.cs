namespace Maestro.Server.Sessions;

/// <summary>
/// Told when a session's turn starts and ends, and of every file the agent reports changing in between (its own
/// file-change events, ACP <c>fs/write_text_file</c>). Review attribution hangs off it; it must never fail a turn.
/// </summary>
public interface ITurnObserver
{
    Task TurnStartingAsync(string sessionId, string turnId, string workingDirectory, CancellationToken cancellationToken);

    void FileReported(string sessionId, string turnId, string path);

    Task TurnEndedAsync(string sessionId, string turnId, CancellationToken cancellationToken);

    /// <summary>The session was deleted: forget what was kept about its turns (its hunks stop being agent changes).</summary>
    Task SessionDeletedAsync(string sessionId, CancellationToken cancellationToken);
}
