using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.Server.Sessions;
using Maestro.Server.Storage;
using Maestro.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Maestro.Server.Tests.Sessions;

/// <summary>
/// Sequence numbers come from the database (issue 13, H5): a runtime whose cached last seq is behind what another
/// process stored gets its batch numbered after the stored events, instead of failing every write for good on
/// UNIQUE(session_id, seq).
/// </summary>
public sealed class SessionSeqTests : IDisposable
{
    private readonly TempDirectory home = new("seq");

    public void Dispose() => home.Dispose();

    [Fact]
    public async Task A_batch_numbered_from_a_stale_last_seq_is_stored_after_the_events_already_there()
    {
        await using var db = new MaestroDatabase(new MaestroOptions { Paths = new MaestroPaths(home.Path) }, NullLogger<MaestroDatabase>.Instance);
        var store = new SessionStore(db);
        var now = DateTimeOffset.UtcNow;
        var session = new Session { Id = "s_seq", Name = "seq", AgentId = "claude-code", Cwd = home.Path, Status = SessionStatus.Idle, CreatedAt = now, UpdatedAt = now, Usage = Usage.Zero };
        await store.InsertAsync(session, CancellationToken.None);
        await store.AppendAsync(session with { LastSeq = 3 }, Events(session.Id, 1, 3, "first"), CancellationToken.None);

        // A second writer that still believes the session ends at seq 1.
        var stored = await store.AppendAsync(session with { LastSeq = 3 }, Events(session.Id, 2, 3, "second"), CancellationToken.None);

        Assert.Equal([4L, 5L], stored.Events.Select(e => e.Seq));
        Assert.Equal(5, stored.Session.LastSeq);
        Assert.Equal(5, await store.MaxSeqAsync(session.Id, CancellationToken.None));
        var history = await store.HistoryAsync(session.Id, 0, 10, CancellationToken.None);
        Assert.Equal(["first 1", "first 2", "first 3", "second 2", "second 3"], history.Events.Select(e => ((MessageEvent)e.Event).Text));
        Assert.Equal(5, (await store.GetAsync(session.Id, CancellationToken.None))!.LastSeq);
    }

    private static List<SessionEventNotification> Events(string sessionId, int from, int to, string label)
        => [.. Enumerable.Range(from, to - from + 1).Select(i => new SessionEventNotification
        {
            SessionId = sessionId,
            Seq = i,
            Time = DateTimeOffset.UtcNow,
            Event = new MessageEvent { Text = $"{label} {i}", Html = string.Empty, Role = "assistant" },
        })];
}
