using Maestro.Protocol;

namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// The seq each outage of a session was first stored under, so the pump stores and sends a later version of the same
/// outage under that seq (revised in place) instead of appending one event per resend.
/// </summary>
internal sealed class OutageRevisions
{
    private readonly Dictionary<string, long> seqs = new(StringComparer.Ordinal);

    /// <summary>The seq to revise, when <paramref name="sessionEvent"/> is a later version of a stored outage.</summary>
    public long? SeqOf(SessionEvent sessionEvent)
        => sessionEvent is OutageEvent outage && seqs.TryGetValue(outage.OutageId, out var seq) ? seq : null;

    /// <summary>Remembers where the outages of a stored batch landed. Closed ones are forgotten: they change no more.</summary>
    public void Numbered(IEnumerable<SessionEventNotification> stored)
    {
        foreach (var notification in stored)
        {
            if (notification.Event is OutageEvent outage && outage.State == OutageState.Waiting)
            {
                seqs[outage.OutageId] = notification.Seq;
            }
        }
    }

    /// <summary>Called after a revision is stored: a closed outage will not be revised again.</summary>
    public void Revised(IEnumerable<SessionEventNotification> revised)
    {
        foreach (var notification in revised)
        {
            if (notification.Event is OutageEvent { State: not OutageState.Waiting } outage)
            {
                seqs.Remove(outage.OutageId);
            }
        }
    }
}
