using System.Text.Json;
using Maestro.Protocol;
using StreamJsonRpc;

namespace Maestro.Server.Cli;

/// <summary>
/// Prints one room's messages for <c>maestro chat post|show</c>: live from <c>chat/message</c>, each once and in seq
/// order (a gap is filled from <c>chat/history</c>), as <c>[seq] author: text</c> or one JSON message per line.
/// </summary>
internal sealed class ChatPrinter(string roomId, bool json) : IDisposable
{
    private readonly object gate = new();
    private readonly SemaphoreSlim changed = new(0);
    private long printed;

    /// <summary>Set once the messages before it are printed, so live ones that came earlier are not printed twice.</summary>
    private bool live;

    public static string State(RoomState state) => state switch
    {
        RoomState.Idle => "idle",
        RoomState.Moderating => "moderating",
        RoomState.Working => "working",
        RoomState.Closed => "closed",
        _ => state.ToString(),
    };

    [JsonRpcMethod(Methods.ChatMessage)]
    public void OnMessage(ChatMessageNotification notification)
    {
        if (notification.RoomId != roomId)
        {
            return;
        }

        lock (gate)
        {
            // Before the post's own seq is known, or out of order: history fills it in (UntilIdleAsync).
            if (live && notification.Message.Seq == printed + 1)
            {
                Print(notification.Message);
                printed = notification.Message.Seq;
            }
        }

        changed.Release();
    }

    [JsonRpcMethod(Methods.ChatChanged)]
    public void OnChanged(ChatChangedNotification notification)
    {
        if (notification.Room.Id == roomId)
        {
            changed.Release();
        }
    }

    /// <summary>Prints the replies to the message at <paramref name="postedSeq"/> as they arrive; returns once the room is idle.</summary>
    public async Task<int> UntilIdleAsync(DaemonClient client, long postedSeq, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            printed = postedSeq;
        }

        while (true)
        {
            // Read the state first: messages stored before it said idle are all in the history read next.
            var room = await client.InvokeAsync<Room>(Methods.ChatGet, new ChatRoomIdParams { RoomId = roomId }, cancellationToken);
            await CatchUpAsync(client, cancellationToken);
            if (room.State is RoomState.Idle or RoomState.Closed)
            {
                return ExitCodes.Ok;
            }

            // A notification wakes this at once; the timeout only guards against one lost on a slow connection.
            await changed.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
    }

    /// <summary>Prints the room's messages after <paramref name="after"/>, page by page.</summary>
    public async Task PrintHistoryAsync(DaemonClient client, long after, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            printed = after;
        }

        await CatchUpAsync(client, cancellationToken);
    }

    private async Task CatchUpAsync(DaemonClient client, CancellationToken cancellationToken)
    {
        while (true)
        {
            long from;
            lock (gate)
            {
                live = false;
                from = printed;
            }

            var page = await client.InvokeAsync<ChatHistoryResult>(Methods.ChatHistory, new ChatHistoryParams { RoomId = roomId, AfterSeq = from }, cancellationToken);
            lock (gate)
            {
                foreach (var message in page.Messages.Where(m => m.Seq > printed))
                {
                    Print(message);
                    printed = message.Seq;
                }

                if (!page.HasMore)
                {
                    live = true;
                    return;
                }
            }
        }
    }

    public void Dispose() => changed.Dispose();

    private void Print(ChatMessage message)
    {
        if (json)
        {
            CliConsole.Out.WriteLine(JsonSerializer.Serialize(message, CliJsonContext.Default.ChatMessage));
        }
        else
        {
            CliConsole.Out.WriteLine($"[{message.Seq}] {message.Author}: {message.Text}");
        }
    }
}
