using Maestro.Protocol;

namespace Maestro.Server.Sessions.Resilience;

/// <summary>Where the retry loop tells the session about an outage: its one event, revised in place, and the session status.</summary>
internal interface IOutageReporter
{
    ValueTask ReportAsync(OutageEvent outage);

    ValueTask SetStatusAsync(SessionStatus status, string turnId);
}
