namespace Maestro.Protocol;

/// <summary>
/// The whole new text of a working file that a review decision made with <c>apply: false</c> left for the client to
/// write (UTF-8, line endings as they are in the file), so the change goes through the editor and its undo.
/// </summary>
public sealed record ReviewFileContent
{
    /// <summary>Repository-relative, as in <see cref="ReviewFile.Path"/>.</summary>
    public required string Path { get; init; }

    public required string Content { get; init; }
}
