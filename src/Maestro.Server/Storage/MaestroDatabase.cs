using System.Globalization;
using Maestro.Server.Hosting;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Storage;

/// <summary>
/// The SQLite file at <c>$MAESTRO_HOME/maestro.db</c>, in WAL mode. Every write goes through
/// <see cref="WriteAsync{T}"/> to one writer loop on one connection, so writers never contend for the
/// lock. The loop commits whatever writes are waiting in one transaction (group commit), each inside a
/// savepoint of its own, so a failing write rolls back alone; a caller's task completes only after the
/// commit. Reads use pooled connections of their own and run beside the writer (WAL).
/// </summary>
public sealed class MaestroDatabase : IAsyncDisposable
{
    private readonly string connectionString;
    private readonly ILogger<MaestroDatabase> logger;
    private const int MaxWritesPerCommit = 256;
    private readonly Channel<PendingWrite> writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task<SqliteConnection>> writer;
    private readonly Lazy<Task> writerLoop;

    public MaestroDatabase(MaestroOptions options, ILogger<MaestroDatabase> logger)
    {
        options.Paths.EnsureHome();
        Path = options.Paths.DatabasePath;

        // SQLite gives the WAL and shared-memory files the database file's mode: a 0600 database keeps all three private.
        PrivateFiles.Precreate(Path);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        this.logger = logger;
        writer = new Lazy<Task<SqliteConnection>>(OpenWriterAsync);
        writerLoop = new Lazy<Task>(() => Task.Run(WriteLoopAsync));
    }

    public string Path { get; }

    /// <summary>Opens the database and applies pending migrations; idempotent.</summary>
    public Task InitializeAsync() => writer.Value;

    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await writer.Value;
        _ = writerLoop.Value;
        var pending = new PendingWriteOf<T>(work, cancellationToken);
        ObjectDisposedException.ThrowIf(!writes.Writer.TryWrite(pending), this);

        return await pending.Task;
    }

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await writer.Value; // the schema exists before anyone reads
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA query_only = ON;");
        return await work(connection);
    }

    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
        => await ReadAsync(async c => Convert.ToInt32(await ScalarAsync(c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;"), CultureInfo.InvariantCulture), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        writes.Writer.TryComplete();
        if (writerLoop.IsValueCreated)
        {
            await writerLoop.Value;
        }

        if (writer.IsValueCreated && writer.Value.IsCompletedSuccessfully)
        {
            await writer.Value.Result.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
    }

    private async Task WriteLoopAsync()
    {
        var connection = await writer.Value;
        var batch = new List<PendingWrite>(MaxWritesPerCommit);
        while (await writes.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxWritesPerCommit && writes.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            var succeeded = new List<PendingWrite>(batch.Count);
            try
            {
                using var transaction = connection.BeginTransaction();
                foreach (var pending in batch)
                {
                    if (pending.CancellationToken.IsCancellationRequested)
                    {
                        pending.Cancel();
                        continue;
                    }

                    transaction.Save("write");
                    try
                    {
                        await pending.RunAsync(connection, transaction);
                        transaction.Release("write");
                        succeeded.Add(pending);
                    }
                    catch (Exception ex)
                    {
                        transaction.Rollback("write");
                        transaction.Release("write");
                        pending.Fail(ex);
                    }
                }

                transaction.Commit();
                succeeded.ForEach(p => p.Commit());
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A commit to {Path} failed; {Count} writes are lost", Path, succeeded.Count);
                succeeded.ForEach(p => p.Fail(ex));
            }

            batch.Clear();
        }
    }

    private async Task<SqliteConnection> OpenWriterAsync()
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);");
        var current = Convert.ToInt32(await ScalarAsync(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;"), CultureInfo.InvariantCulture);
        var known = Migrations.All[^1].Version;
        if (current > known)
        {
            await connection.DisposeAsync();
            throw new SchemaTooNewException(Path, current, known);
        }

        foreach (var migration in Migrations.All.Where(m => m.Version > current))
        {
            using var transaction = connection.BeginTransaction();
            await ExecuteAsync(connection, migration.Sql, transaction);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $t);";
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$n", migration.Name);
            record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            await record.ExecuteNonQueryAsync();
            transaction.Commit();
            logger.LogInformation("Applied migration {Version} ({Name}) to {Path}", migration.Version, migration.Name, Path);
        }

        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
