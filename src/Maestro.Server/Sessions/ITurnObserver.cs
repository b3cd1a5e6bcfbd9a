namespace Maestro.Server.Sessions;

/// <summary>
/// Told when a session's turn starts and ends, and of every file the agent reports changing in between (its own
/// file-change events, ACP <c>fs/write_text_file</c>) and of its tool calls. Review attribution hangs off it; it must never fail a turn.
/// </summary>
public interface ITurnObserver
{
    Task TurnStartingAsync(string sessionId, string turnId, string workingDirectory, CancellationToken cancellationToken);

    void FileReported(string sessionId, string turnId, string path);

    /// <summary>
    /// A tool call of the turn started or changed status: a file reported while a tool is running is written when it ends
    /// (Claude Code reports an edit before running it), which is when attribution looks at the file again.
    /// </summary>
    void ToolCallReported(string sessionId, string turnId, string toolCallId, Protocol.ToolCallStatus status);

    Task TurnEndedAsync(string sessionId, string turnId, CancellationToken cancellationToken);

    /// <summary>The session was deleted: forget what was kept about its turns (its hunks stop being agent changes).</summary>
    Task SessionDeletedAsync(string sessionId, CancellationToken cancellationToken);
}
