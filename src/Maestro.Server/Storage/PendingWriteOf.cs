using Microsoft.Data.Sqlite;

namespace Maestro.Server.Storage;

internal sealed class PendingWriteOf<T> : PendingWrite
{
    private readonly Func<SqliteConnection, SqliteTransaction, Task<T>> work;
    private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? result;

    public PendingWriteOf(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        this.work = work;
        CancellationToken = cancellationToken;
    }

    public override CancellationToken CancellationToken { get; }

    public Task<T> Task => completion.Task;

    public override async Task RunAsync(SqliteConnection connection, SqliteTransaction transaction)
        => result = await work(connection, transaction);

    public override void Commit() => completion.TrySetResult(result!);

    public override void Fail(Exception exception) => completion.TrySetException(exception);

    public override void Cancel() => completion.TrySetCanceled(CancellationToken);
}
