namespace Maestro.Server.Storage;

/// <summary>The database was written by a newer Maestro; this one refuses to touch it.</summary>
public sealed class SchemaTooNewException : Exception
{
    public SchemaTooNewException(string path, int found, int known)
        : base($"The database {path} has schema version {found}, newer than this Maestro knows ({known}). Update Maestro, or point MAESTRO_HOME elsewhere.")
    {
    }

    public SchemaTooNewException()
    {
    }

    public SchemaTooNewException(string message)
        : base(message)
    {
    }

    public SchemaTooNewException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
