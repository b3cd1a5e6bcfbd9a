using System.Collections.Concurrent;
using Maestro.Protocol;
using StreamJsonRpc;

namespace Maestro.TestSupport.Sessions;

/// <summary>A client-side notification target that records <c>sessions/event</c> and <c>sessions/changed</c>.</summary>
public sealed class EventRecorder
{
    private readonly ConcurrentQueue<SessionEventNotification> events = new();
    private readonly ConcurrentQueue<Session> changes = new();
    private readonly ConcurrentQueue<string> deleted = new();

    public IReadOnlyList<SessionEventNotification> Events => [.. events];

    public IReadOnlyList<Session> Changes => [.. changes];

    /// <summary>Ids of the sessions a <c>sessions/changed</c> said were deleted.</summary>
    public IReadOnlyList<string> Deleted => [.. deleted];

    public IReadOnlyList<SessionEventNotification> For(string sessionId) => [.. events.Where(e => e.SessionId == sessionId)];

    /// <summary>How many <c>sessions/events</c> batches arrived (for clients that asked for them).</summary>
    public int Batches { get; private set; }

    [JsonRpcMethod(Methods.SessionsEvent)]
    public void OnEvent(SessionEventNotification notification) => events.Enqueue(notification);

    [JsonRpcMethod(Methods.SessionsEvents)]
    public void OnEvents(SessionEventsNotification notification)
    {
        Batches++;
        foreach (var e in notification.Events)
        {
            events.Enqueue(e);
        }
    }

    [JsonRpcMethod(Methods.SessionsChanged)]
    public void OnChanged(SessionChangedNotification notification)
    {
        if (notification.Deleted)
        {
            deleted.Enqueue(notification.Session.Id);
        }
        else
        {
            changes.Enqueue(notification.Session);
        }
    }
}
