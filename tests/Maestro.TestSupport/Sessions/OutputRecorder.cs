using System.Collections.Concurrent;
using Maestro.Protocol;
using StreamJsonRpc;

namespace Maestro.TestSupport.Sessions;

/// <summary>A client-side notification target that records <c>sessions/outputAppended</c>.</summary>
public sealed class OutputRecorder
{
    private readonly ConcurrentQueue<SessionOutputAppendedNotification> batches = new();

    public IReadOnlyList<SessionOutputAppendedNotification> Batches => [.. batches];

    /// <summary>Every line received for the session, in arrival order.</summary>
    public IReadOnlyList<SessionOutputLine> For(string sessionId) => [.. batches.Where(b => b.SessionId == sessionId).SelectMany(b => b.Lines)];

    [JsonRpcMethod(Methods.SessionsOutputAppended)]
    public void OnOutputAppended(SessionOutputAppendedNotification notification) => batches.Enqueue(notification);
}
