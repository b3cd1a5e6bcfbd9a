namespace Maestro.Protocol;

public sealed record ReviewUndoParams
{
    public required string Cwd { get; init; }

    /// <summary>The id an accept or reject returned.</summary>
    public required string DecisionId { get; init; }

    /// <summary>
    /// False: record the undo but leave modified text files for the client to write (their text in
    /// <see cref="ReviewUndoResult.Contents"/>), e.g. after the editor's own undo took the reject back. Trashed files
    /// are still moved back by the server. Null or true: the server writes.
    /// </summary>
    public bool? Apply { get; init; }

    /// <summary>The host (<c>hosts/add</c>) whose folder this is: the request goes to that host's daemon (<c>cwd</c> is a path there).</summary>
    public string? Host { get; init; }
}
