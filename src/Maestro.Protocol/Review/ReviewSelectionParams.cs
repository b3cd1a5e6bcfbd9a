namespace Maestro.Protocol;

/// <summary>
/// Params of <c>review/accept</c>, <c>review/reject</c> and <c>review/stage</c>: hunks by id, whole files by path,
/// or both. With the agent baseline a path selects the agent's changes to that file (of <see cref="SessionId"/> when
/// given), never the user's.
/// </summary>
public sealed record ReviewSelectionParams
{
    public required string Cwd { get; init; }

    public IReadOnlyList<string>? HunkIds { get; init; }

    public IReadOnlyList<string>? Paths { get; init; }

    /// <summary>Only this session's changes when selecting by path.</summary>
    public string? SessionId { get; init; }

    /// <summary>Null means <see cref="ReviewBaseline.Agent"/>; <c>review/stage</c> always works on the index.</summary>
    public ReviewBaseline? Baseline { get; init; }

    /// <summary>Reject mixed hunks too, losing the user's edits inside them (without it such a reject is refused, naming them).</summary>
    public bool Confirm { get; init; }

    /// <summary>
    /// Reject only: false records the decision but leaves the working file of each modified text file as it is and
    /// answers its new text in <see cref="ReviewRejectResult.Contents"/>, for an editor to apply as its own (undoable)
    /// edit. Created and deleted files are still trashed or restored by the server. Null or true: the server writes.
    /// </summary>
    public bool? Apply { get; init; }

    /// <summary>The host (<c>hosts/add</c>) whose folder this is: the request goes to that host's daemon (<c>cwd</c> is a path there).</summary>
    public string? Host { get; init; }
}
