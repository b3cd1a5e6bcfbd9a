namespace Maestro.Protocol;

/// <summary>The text of a working file; no <see cref="Content"/> when the file is binary.</summary>
public sealed record FilesReadResult
{
    /// <summary>The file's absolute path (as asked, resolved against the cwd).</summary>
    public required string Path { get; init; }

    /// <summary>The file's UTF-8 text, line endings as they are; absent for a binary file.</summary>
    public string? Content { get; init; }

    /// <summary>A NUL byte in its first 8000 bytes, as git decides.</summary>
    public required bool Binary { get; init; }

    /// <summary>Its size in bytes.</summary>
    public required long Size { get; init; }
}
