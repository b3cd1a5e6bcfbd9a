namespace Maestro.Server.Hosting;

/// <summary>
/// The daemon's socket, or the folder for it, is not this user's alone (a link, another owner): Maestro neither
/// listens nor connects there. An <see cref="IOException"/>, so the CLI prints it as it prints other I/O failures.
/// </summary>
public sealed class UnsafeSocketFolderException : IOException
{
    public UnsafeSocketFolderException(string path)
        : base($"{path} is not private to you (it is a link or belongs to another user); Maestro will neither listen nor connect there. Remove it, or set MAESTRO_HOME to a shorter path.")
    {
    }

    public UnsafeSocketFolderException()
    {
    }

    public UnsafeSocketFolderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
