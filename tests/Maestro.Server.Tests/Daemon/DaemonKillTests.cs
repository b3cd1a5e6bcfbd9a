using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.Hardening;
using Microsoft.Data.Sqlite;
using StreamJsonRpc;
using Xunit.Abstractions;

namespace Maestro.Server.Tests.Daemon;

/// <summary>
/// The faults suite, SQLite side (issue 13, "Suites that stay"): kill -9 of the daemon in the middle of a burst of event
/// writes. After a restart no event is lost (every event a client saw is stored, with its text) or duplicated (seqs run
/// 1..last_seq with no gap; history equals the rows), and the session goes on numbering from there.
/// The agent is the flood STAND-IN for Claude Code (tests/fixtures/agents/flood-claude.mjs), unpaced.
/// Kill -9 during a Playbook run is covered with the real Claude Code CLI by
/// <see cref="Playbooks.ClaudeCodePlaybookTests"/> (Kill_9_of_the_daemon_mid_run...). Short mode: one kill;
/// MAESTRO_LONG_TESTS=1: five kills at different points of the burst.
/// </summary>
public sealed class DaemonKillTests
{
    private const int Events = 20_000;

    private readonly ITestOutputHelper output;

    public DaemonKillTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    [Fact]
    public async Task Kill_9_during_an_event_write_burst_loses_and_duplicates_nothing()
    {
        using var sandbox = new TempDirectory("kill-burst");
        using var home = new TempDirectory("kill-burst-home");
        var flood = Path.Combine(RepoRoot.Path, "tests", "fixtures", "agents", "flood-claude.mjs");
        await MaestroAgentSettings.WriteAsync(home.Path, "claude-code", flood, new Dictionary<string, string> { ["FLOOD_EVENTS"] = LongTests.Text(Events) });
        var paths = new MaestroPaths(home.Path);
        string? sessionId = null;
        var seen = new Dictionary<long, string>();
        var kills = LongTests.Pick(1, 5);
        try
        {
            for (var kill = 0; kill < kills; kill++)
            {
                await using var daemon = MaestroProcess.Start(home.Path, "daemon");
                var recorder = new StreamRecorder();
                long before;
                using (var rpc = await DaemonClient.ConnectAsync(paths, "kill-" + kill, recorder))
                {
                    sessionId ??= (await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = sandbox.Path, PermissionMode = PermissionMode.Bypass })).Id;
                    before = await LastSeqAsync(rpc, sessionId);
                    _ = rpc.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId, Text = "flood" });

                    // Kill somewhere inside the burst, later with each round of the long mode. Watched in the database,
                    // not in what the client was shown: on a loaded machine the client may lag the store by the whole
                    // burst, and a kill after the turn ended would test nothing.
                    var at = before + 500 + (kill * 3000);
                    await Wait.UntilAsync(() => recorder.LastSeq(sessionId) > before && StoredMaxSeq(paths.DatabasePath, sessionId) >= at, TimeSpan.FromSeconds(90), $"the burst to store seq {at} and a client to be shown some of it");
                    daemon.Process.Kill(entireProcessTree: true);
                    await daemon.Process.WaitForExitAsync();
                    foreach (var (seq, text) in recorder.DeltaTexts(sessionId))
                    {
                        seen[seq] = text;
                    }
                }

                var rows = ReadRows(paths.DatabasePath, sessionId);
                output.WriteLine($"kill {kill + 1}: {rows.Events.Count} event rows, last_seq {rows.LastSeq}, the client had seen up to seq {seen.Keys.DefaultIfEmpty().Max()}");
                Assert.Equal(Enumerable.Range(1, rows.Events.Count).Select(s => (long)s), rows.Events.Select(e => e.Seq));
                Assert.Equal(rows.LastSeq, rows.Events.Count);
                Assert.True(rows.LastSeq < before + Events, $"the kill came after the burst had ended ({rows.LastSeq} rows): it tested nothing");
            }

            // A restart: recovery, then the history over the protocol is exactly the stored rows, and holds everything a
            // client was shown before the kills.
            await using var restarted = MaestroProcess.Start(home.Path, "daemon");
            var after = new StreamRecorder();
            using var client = await DaemonClient.ConnectAsync(paths, "after-kill", after);
            // The first read after the restart already shows the turn the kill cut short as failed: reads wait for the
            // recovery, so no client sees a dead turn as running or a history that grows behind its back.
            Assert.Equal(SessionStatus.Failed, (await client.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = sessionId! })).Status);
            var history = await HistoryAsync(client, sessionId!);
            var stored = ReadRows(paths.DatabasePath, sessionId!);
            Assert.Equal(stored.Events.Select(e => e.Seq), history.Select(e => e.Seq));
            Assert.Equal(stored.LastSeq, history.Count);
            var texts = history.Where(e => e.Event is MessageDeltaEvent).ToDictionary(e => e.Seq, e => ((MessageDeltaEvent)e.Event).Text);
            foreach (var (seq, text) in seen)
            {
                Assert.True(texts.TryGetValue(seq, out var storedText) && storedText == text, $"seq {seq} was shown to a client but is not stored as shown");
            }

            // And the session numbers on from there with no collision.
            var prompt = await client.InvokeWithParameterObjectAsync<SessionPromptResult>(Methods.SessionsPrompt, new SessionPromptParams { SessionId = sessionId!, Text = "flood" });
            Assert.Equal(StopReason.EndTurn, prompt.StopReason);
            var final = ReadRows(paths.DatabasePath, sessionId!);
            Assert.Equal(Enumerable.Range(1, final.Events.Count).Select(s => (long)s), final.Events.Select(e => e.Seq));
            Assert.True(final.LastSeq >= stored.LastSeq + Events, $"the turn after the kills stored {final.LastSeq - stored.LastSeq} events");
        }
        finally
        {
            await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        }
    }

    private static async Task<long> LastSeqAsync(JsonRpc rpc, string sessionId)
        => (await rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsGet, new SessionIdParams { SessionId = sessionId })).LastSeq;

    private static async Task<List<SessionEventNotification>> HistoryAsync(JsonRpc rpc, string sessionId)
    {
        var all = new List<SessionEventNotification>();
        while (true)
        {
            var page = await rpc.InvokeWithParameterObjectAsync<SessionHistoryResult>(Methods.SessionsHistory, new SessionHistoryParams { SessionId = sessionId, AfterSeq = all.Count == 0 ? 0 : all[^1].Seq, Limit = 5000 });
            all.AddRange(page.Events);
            if (!page.HasMore || page.Events.Count == 0)
            {
                return all;
            }
        }
    }

    /// <summary>The highest stored seq of the session, read beside the live daemon (WAL lets a reader in).</summary>
    private static long StoredMaxSeq(string database, string sessionId)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        using var max = db.CreateCommand();
        max.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM events WHERE session_id = $id";
        max.Parameters.AddWithValue("$id", sessionId);
        return (long)max.ExecuteScalar()!;
    }

    /// <summary>The session's rows as SQLite holds them, read directly (the daemon is dead or idle meanwhile).</summary>
    private static (long LastSeq, List<(long Seq, string Kind)> Events) ReadRows(string database, string sessionId)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        db.Open();
        using var last = db.CreateCommand();
        last.CommandText = "SELECT last_seq FROM sessions WHERE id = $id";
        last.Parameters.AddWithValue("$id", sessionId);
        var lastSeq = (long)last.ExecuteScalar()!;
        using var events = db.CreateCommand();
        events.CommandText = "SELECT seq, kind FROM events WHERE session_id = $id ORDER BY seq";
        events.Parameters.AddWithValue("$id", sessionId);
        var list = new List<(long, string)>();
        using var reader = events.ExecuteReader();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return (lastSeq, list);
    }
}
