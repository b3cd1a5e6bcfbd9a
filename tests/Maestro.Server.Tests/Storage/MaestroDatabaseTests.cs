using Maestro.Server.Hosting;
using Maestro.Server.Storage;
using Maestro.TestSupport;
using Maestro.TestSupport.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maestro.Server.Tests.Storage;

public sealed class MaestroDatabaseTests : IDisposable
{
    private readonly TempDirectory home = new("db");

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task A_new_database_is_created_in_wal_mode_with_every_migration()
    {
        await using var db = Open();
        await db.InitializeAsync();
        Assert.True(File.Exists(Path.Combine(home.Path, "maestro.db")));
        Assert.Equal(Migrations.All[^1].Version, await db.SchemaVersionAsync(CancellationToken.None));
        var mode = await db.ReadAsync(async c => await Scalar(c, "PRAGMA journal_mode;"), CancellationToken.None);
        Assert.Equal("wal", mode);
        var tables = await db.ReadAsync(async c => await Scalar(c, "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE type='table' ORDER BY name);"), CancellationToken.None);
        Assert.Contains("sessions", tables, StringComparison.Ordinal);
        Assert.Contains("events", tables, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopening_applies_nothing_twice_and_keeps_data()
    {
        await using (var db = Open())
        {
            await InsertSessionAsync(db, "s1");
        }

        await using (var db = Open())
        {
            await db.InitializeAsync();
            var count = await db.ReadAsync(async c => await Scalar(c, "SELECT count(*) FROM schema_migrations;"), CancellationToken.None);
            Assert.Equal(Migrations.All.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), count);
            Assert.Equal("1", await db.ReadAsync(async c => await Scalar(c, "SELECT count(*) FROM sessions;"), CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_database_from_a_newer_maestro_is_refused_with_a_clear_message()
    {
        await using (var db = Open())
        {
            await db.WriteAsync(async (c, t) => await Execute(c, t, "INSERT INTO schema_migrations VALUES (999, 'future', 'x');"), CancellationToken.None);
        }

        await using var again = Open();
        var error = await Assert.ThrowsAsync<SchemaTooNewException>(again.InitializeAsync);
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_writers_are_serialized_and_nothing_is_lost()
    {
        await using var db = Open();
        await InsertSessionAsync(db, "s1");
        var writes = Enumerable.Range(1, 200).Select(i => db.WriteAsync(
            (c, t) => Execute(c, t, $"INSERT INTO events (session_id, seq, time, kind, json) VALUES ('s1', {i}, 't', 'message', '{{}}');"),
            CancellationToken.None));
        await Task.WhenAll(writes);
        Assert.Equal("200", await db.ReadAsync(async c => await Scalar(c, "SELECT count(*) FROM events;"), CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_write_rolls_back_whole()
    {
        await using var db = Open();
        await InsertSessionAsync(db, "s1");
        await Assert.ThrowsAsync<SqliteException>(() => db.WriteAsync(
            async (c, t) =>
            {
                await Execute(c, t, "INSERT INTO events (session_id, seq, time, kind, json) VALUES ('s1', 1, 't', 'k', '{}');");
                return await Execute(c, t, "INSERT INTO events (session_id, seq, time, kind, json) VALUES ('s1', 1, 't', 'k', '{}');");
            },
            CancellationToken.None));
        Assert.Equal("0", await db.ReadAsync(async c => await Scalar(c, "SELECT count(*) FROM events;"), CancellationToken.None));
    }

    [Fact]
    public async Task Events_need_their_session()
    {
        await using var db = Open();
        await db.InitializeAsync();
        await Assert.ThrowsAsync<SqliteException>(() => db.WriteAsync(
            (c, t) => Execute(c, t, "INSERT INTO events (session_id, seq, time, kind, json) VALUES ('ghost', 1, 't', 'k', '{}');"),
            CancellationToken.None));
    }

    [Fact]
    public async Task Every_migration_after_5_can_be_rewound_and_runs_again_on_the_next_start()
    {
        // The back-fill tests rewind the store to an older schema with SchemaRewind; a new migration without an undo
        // entry there would make them fail with "table already exists" far from the cause, so it fails here first.
        await using (var db = Open())
        {
            await InsertSessionAsync(db, "s1");
        }
        Assert.All(Migrations.All.Where(m => m.Version > 5), m => Assert.True(SchemaRewind.Undo.ContainsKey(m.Version), $"SchemaRewind.Undo has no entry for migration {m.Version} ({m.Name})."));

        await SchemaRewind.ToAsync(Path.Combine(home.Path, "maestro.db"), 5);
        await using (var db = Open())
        {
            await db.InitializeAsync();
            Assert.Equal(Migrations.All[^1].Version, await db.SchemaVersionAsync(CancellationToken.None));
            var sessions = await db.ReadAsync(async c => await Scalar(c, "SELECT count(*) FROM sessions;"), CancellationToken.None);
            Assert.Equal("1", sessions);
        }
    }

    private MaestroDatabase Open() => new(new MaestroOptions { Paths = new MaestroPaths(home.Path) }, NullLogger<MaestroDatabase>.Instance);

    private static Task<int> InsertSessionAsync(MaestroDatabase db, string id) => db.WriteAsync(
        (c, t) => Execute(c, t, $"INSERT INTO sessions (id, name, agent_id, cwd, status, permission_mode, created_at, updated_at) VALUES ('{id}', 'n', 'claude-code', '/tmp', 'idle', 'ask', 't', 't');"),
        CancellationToken.None);

    private static async Task<int> Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
