using Microsoft.Data.Sqlite;

namespace Maestro.Server.Storage;

/// <summary>One caller's write, waiting for the writer loop; it completes only once its transaction is committed.</summary>
internal abstract class PendingWrite
{
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Runs the work inside the shared transaction; the result is held until the commit.</summary>
    public abstract Task RunAsync(SqliteConnection connection, SqliteTransaction transaction);

    public abstract void Commit();

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}
