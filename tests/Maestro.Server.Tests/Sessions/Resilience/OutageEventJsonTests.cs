using System.Text.Json;
using Maestro.Protocol;

namespace Maestro.Server.Tests.Sessions.Resilience;

public sealed class OutageEventJsonTests
{
    [Fact]
    public void An_outage_event_round_trips_as_the_store_and_clients_write_it()
    {
        SessionEvent outage = new OutageEvent
        {
            OutageId = "o_1",
            TurnId = "t_1",
            Class = OutageClass.Quota,
            State = OutageState.Waiting,
            Attempts = 1,
            Since = new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero),
            NextAt = new DateTimeOffset(2026, 12, 1, 23, 0, 5, TimeSpan.Zero),
            ResetAt = new DateTimeOffset(2026, 12, 1, 23, 0, 5, TimeSpan.Zero),
            Reason = "usage limit reached",
        };

        var stored = JsonSerializer.Serialize(outage, MaestroJsonContext.Default.SessionEvent);
        Assert.Contains("\"type\":\"outage\"", stored, StringComparison.Ordinal);
        Assert.Contains("\"class\":\"quota\"", stored, StringComparison.Ordinal);
        Assert.Equal(outage, JsonSerializer.Deserialize(stored, MaestroJsonContext.Default.SessionEvent));
        var wire = JsonSerializer.Serialize(new SessionEventNotification { SessionId = "s", Seq = 3, Time = DateTimeOffset.UnixEpoch, Event = outage }, MaestroJson.CreateOptions());
        Assert.Equal(outage, JsonSerializer.Deserialize<SessionEventNotification>(wire, MaestroJson.CreateOptions())!.Event);
    }
}
