namespace Maestro.Protocol;

/// <summary>Answer of <c>daemon/status</c>: an operations method of the per-user daemon.</summary>
public sealed record DaemonStatusResult
{
    public required int Pid { get; init; }

    public required string Version { get; init; }

    public required string Home { get; init; }

    public required string Endpoint { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required int Connections { get; init; }

    public required long WorkingSetBytes { get; init; }

    /// <summary>
    /// The daemon's own PATH, folder by folder: where it looks for agent CLIs. It is the PATH of the shell that started
    /// the daemon, which may not be the caller's.
    /// </summary>
    public IReadOnlyList<string>? PathFolders { get; init; }

    /// <summary>Names of the credential variables set in the daemon's environment (never their values).</summary>
    public IReadOnlyList<string>? CredentialVariables { get; init; }
}
