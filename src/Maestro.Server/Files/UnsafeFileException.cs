namespace Maestro.Server.Files;

/// <summary>
/// A path that is not a plain file Maestro may open: a FIFO, a device, a socket, a folder, a link where none may be,
/// a file larger than the reader's ceiling, or one swapped for another between the check and the open.
/// </summary>
public sealed class UnsafeFileException : IOException
{
    public UnsafeFileException(string message)
        : base(message)
    {
    }

    public UnsafeFileException()
        : this("Not a regular file.")
    {
    }

    public UnsafeFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
