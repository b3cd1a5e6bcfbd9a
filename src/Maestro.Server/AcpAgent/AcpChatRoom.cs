using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Agents.Acp;
using Maestro.Server.Cli;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// A group-chat room that <c>/room @a @b</c> opened for one ACP session: while it is attached, the session's prompts
/// are posted to the room (<c>chat/post</c>) and every message the room gets after them (the participants' replies,
/// the moderator's, system notes) is sent to the editor as an <c>agent_message_chunk</c> headed by its author, in seq
/// order, each once (a gap in the live <c>chat/message</c> notifications is filled from <c>chat/history</c>). A prompt
/// ends when the room is idle again with everything up to its last message delivered.
/// </summary>
internal sealed class AcpChatRoom : IDisposable
{
    private readonly DaemonClient daemon;
    private readonly Func<JsonObject, Task> send;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly object waiting = new();
    private long delivered;
    private (long Seq, TaskCompletionSource<long> Idle)? turn;
    private bool prompting;
    private bool cancelled;

    public AcpChatRoom(Room room, DaemonClient daemon, Func<JsonObject, Task> send)
    {
        Room = room;
        this.daemon = daemon;
        this.send = send;
        delivered = room.LastSeq;
    }

    /// <summary>The room as it was opened (its id, name and participants).</summary>
    public Room Room { get; }

    public string Id => Room.Id;

    /// <summary>True from the moment a prompt is being posted here until the room has answered it.</summary>
    public bool Busy
    {
        get
        {
            lock (waiting)
            {
                return prompting;
            }
        }
    }

    /// <summary>Posts the prompt and waits until the room answered it; true when the user cancelled it meanwhile.</summary>
    public async Task<bool> PromptAsync(string text, CancellationToken cancellationToken)
    {
        var idle = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiting)
        {
            prompting = true;
            cancelled = false;
        }

        try
        {
            var posted = await daemon.InvokeAsync<ChatPostResult>(Methods.ChatPost, new ChatPostParams { RoomId = Id, Text = text }, cancellationToken);
            bool cancelledWhilePosting;
            lock (waiting)
            {
                turn = (posted.Seq, idle);
                cancelledWhilePosting = cancelled;
            }

            // A cancel that came before chat/post answered had nothing to stop yet: the message is in the room now.
            if (cancelledWhilePosting)
            {
                await daemon.InvokeAsync<object?>(Methods.ChatCancel, new ChatRoomIdParams { RoomId = Id }, CancellationToken.None);
            }

            // The room may have gone idle before the answer to chat/post reached us (its chat/changed came first).
            Changed(await daemon.InvokeAsync<Room>(Methods.ChatGet, new ChatRoomIdParams { RoomId = Id }, cancellationToken));
            await Task.WhenAny(idle.Task, daemon.Disconnected);
            if (!idle.Task.IsCompleted)
            {
                throw new StreamJsonRpc.ConnectionLostException();
            }

            await DeliverAsync(await idle.Task, null, cancellationToken);
            lock (waiting)
            {
                return cancelled;
            }
        }
        finally
        {
            lock (waiting)
            {
                turn = null;
                prompting = false;
            }
        }
    }

    /// <summary>Stops the room's running turns (<c>chat/cancel</c>); false when no prompt of this session waits on it.</summary>
    public async Task<bool> CancelAsync()
    {
        bool posted;
        lock (waiting)
        {
            if (!prompting)
            {
                return false;
            }

            cancelled = true;
            posted = turn is not null;
        }

        // Before chat/post has answered, the prompt sends the cancel itself once its message is in the room.
        if (posted)
        {
            await daemon.InvokeAsync<object?>(Methods.ChatCancel, new ChatRoomIdParams { RoomId = Id }, CancellationToken.None);
        }

        return true;
    }

    /// <summary>A <c>chat/message</c> of this room: delivered now, with any message before it that was missed.</summary>
    public Task OfferAsync(ChatMessage message) => DeliverAsync(message.Seq, message, CancellationToken.None);

    /// <summary>
    /// A <c>chat/changed</c> of this room: idle (or closed) with a message after the prompt's ends the wait. Every
    /// answer adds one (a reply, or a system note when a turn failed, was cancelled or nobody was addressed), and an
    /// idle state from before the prompt was routed has no message after it.
    /// </summary>
    public void Changed(Room room)
    {
        lock (waiting)
        {
            if (turn is { } t && room.State is RoomState.Idle or RoomState.Closed && room.LastSeq > t.Seq)
            {
                t.Idle.TrySetResult(room.LastSeq);
            }
        }
    }

    /// <summary>The session left the room (or closed): a delivery still under way ends with ObjectDisposedException.</summary>
    public void Dispose() => gate.Dispose();

    /// <summary>The editor's view of one room message: its author in bold, then its text; null for the user's own.</summary>
    public static JsonObject? Chunk(ChatMessage message) => message.Author == "user"
        ? null
        : new JsonObject
        {
            ["sessionUpdate"] = AcpWire.Updates.AgentMessageChunk,
            ["content"] = new JsonObject
            {
                ["type"] = "text",
                ["text"] = $"**{(message.Author is "moderator" or "system" ? message.Author : "@" + message.Author)}**: {message.Text}\n\n",
            },
        };

    private async Task DeliverAsync(long seq, ChatMessage? known, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (known is not null && known.Seq == delivered + 1)
            {
                // The next one, as notifications usually come: no history round trip.
                if (Chunk(known) is { } next)
                {
                    await send(next);
                }

                delivered = known.Seq;
                return;
            }

            while (delivered < seq)
            {
                var page = await daemon.InvokeAsync<ChatHistoryResult>(Methods.ChatHistory, new ChatHistoryParams { RoomId = Id, AfterSeq = delivered, Limit = 200 }, cancellationToken);
                foreach (var message in page.Messages.Where(m => m.Seq <= seq))
                {
                    if (Chunk(message) is { } update)
                    {
                        await send(update);
                    }

                    delivered = message.Seq;
                }

                if (!page.HasMore || page.Messages.Count == 0)
                {
                    return;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
