using System.Collections.Concurrent;

namespace Maestro.Server.Git.Review.Attribution;

/// <summary>A running turn's baseline: its repository, folder, start tree, the files it reported, and whether another turn ran in the same repository meanwhile.</summary>
internal sealed class ActiveTurn(string sessionId, string turnId, GitRepositoryPath repository, string folder, string startTree)
{
    public string SessionId { get; } = sessionId;

    public string TurnId { get; } = turnId;

    public GitRepositoryPath Repository { get; } = repository;

    /// <summary>The session's folder relative to the root ('/' separated, empty for the root).</summary>
    public string Folder { get; } = folder;

    public string StartTree { get; } = startTree;

    public ConcurrentDictionary<string, bool> Reported { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Another session's turn ran in the same repository during this one: a file that changed may be the other's, so
    /// only the files this turn's agent reported are its own, and only the changes it was seen making to them
    /// (<see cref="Own"/>).
    /// </summary>
    public bool Overlapped => OverlapTree is not null;

    /// <summary>The repository's tree when another turn joined this one: what this turn had done until then is all its own.</summary>
    public string? OverlapTree { get; set; }

    /// <summary>
    /// Since <see cref="OverlapTree"/>, this turn's own version of each reported file it was seen changing: the file as
    /// it was then with only this agent's changes since (another agent's edits to the same file left out). Null = no file.
    /// Guarded by <see cref="TurnBaselines"/>' lock, as are the two below.
    /// </summary>
    public Dictionary<string, byte[]?> Own { get; } = new(StringComparer.Ordinal);

    /// <summary>The tool call of the latest tool event when it is still running: a file reported now is a write still to land.</summary>
    public string? RunningTool { get; set; }

    /// <summary>Files reported by a tool call that has not finished: the write lands before its result, so it is looked at again then.</summary>
    public Dictionary<string, HashSet<string>> Windows { get; } = new(StringComparer.Ordinal);
}
