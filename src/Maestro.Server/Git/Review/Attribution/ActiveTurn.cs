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
    /// only the files this turn's agent reported are its own.
    /// </summary>
    public bool Overlapped { get; set; }
}
