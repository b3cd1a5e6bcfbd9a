namespace Maestro.Protocol;

/// <summary>
/// A file of a working tree to show: a client that cannot read the folder itself (a host's session, seen from another
/// machine) asks for its text.
/// </summary>
public sealed record FilesReadParams
{
    /// <summary>A folder in the git working tree the file belongs to (a session's cwd).</summary>
    public required string Cwd { get; init; }

    /// <summary>Absolute, or relative to <see cref="Cwd"/>; it must stay inside the working tree.</summary>
    public required string Path { get; init; }

    /// <summary>The host (<c>hosts/add</c>) whose folder this is: the request goes to that host's daemon.</summary>
    public string? Host { get; init; }
}
