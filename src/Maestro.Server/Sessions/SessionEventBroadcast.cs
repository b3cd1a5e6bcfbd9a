using Maestro.Protocol;
using Maestro.Server.Rpc;

namespace Maestro.Server.Sessions;

/// <summary>
/// How a session's stored events reach the clients, for sessions of this machine (the pump) and of hosts (the
/// relay) alike: one <c>sessions/events</c> per batch to clients that take it, one <c>sessions/event</c> per event to
/// the others. Only queued: never waits for a client (a stalled one must not stall the agents).
/// </summary>
public static class SessionEventBroadcast
{
    /// <param name="batch">Consecutive events of one session, in seq order.</param>
    public static void Post(ConnectionRegistry clients, IReadOnlyList<SessionEventNotification> batch)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        SessionEventsNotification? batched = null;
        foreach (var client in clients.Initialized)
        {
            if (client.Client?.Capabilities.BatchedEvents == true)
            {
                batched ??= new SessionEventsNotification { SessionId = batch[0].SessionId, Events = [.. batch], Host = batch[0].Host };
                clients.Post(client, Methods.SessionsEvents, batched);
                continue;
            }

            foreach (var notification in batch)
            {
                clients.Post(client, Methods.SessionsEvent, notification);
            }
        }
    }
}
