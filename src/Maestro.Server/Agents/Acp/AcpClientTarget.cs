using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Agents.Permissions;
using StreamJsonRpc;
using static Maestro.Server.Agents.JsonLines;

namespace Maestro.Server.Agents.Acp;

/// <summary>
/// Maestro as the ACP client: receives <c>session/update</c>, answers <c>session/request_permission</c> by
/// asking the editor, and serves <c>fs/read_text_file</c> / <c>fs/write_text_file</c> inside the workspace only.
/// </summary>
internal sealed class AcpClientTarget
{
    private readonly PermissionBroker permissions;
    private readonly int updateQueueCapacity;
    private AcpTurnContext? current;
    private long lastActivity = Environment.TickCount64;
    private int pendingPermissions;
    private long updatesForwarded;
    private long updatesHandled;

    public AcpClientTarget(PermissionBroker permissions, int updateQueueCapacity)
    {
        this.permissions = permissions;
        this.updateQueueCapacity = updateQueueCapacity;
    }

    /// <summary>
    /// When the agent last did something. While a permission question waits for the person it reads as now: the
    /// agent is waiting on us, not hung, and the idle timeout must not stop it.
    /// </summary>
    public long LastActivity => Volatile.Read(ref pendingPermissions) > 0 ? Environment.TickCount64 : Volatile.Read(ref lastActivity);

    public AcpTurnContext? Current
    {
        get => Volatile.Read(ref current);
        set => Volatile.Write(ref current, value);
    }

    /// <summary>
    /// Waits while the running turn has more updates waiting to be stored than the queue's capacity: the line filter
    /// calls it before it passes on an update, so a flooding agent is held back at its stdout instead of in memory.
    /// </summary>
    public async ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (Current is { } turn && turn.Updates.Reader.Count >= updateQueueCapacity && !turn.Updates.Reader.Completion.IsCompleted)
        {
            Touch();
            await Task.Delay(5, cancellationToken);
        }
    }

    /// <summary>The line filter passed an update on to the connection.</summary>
    public void UpdateForwarded() => Interlocked.Increment(ref updatesForwarded);

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>) until every update passed on so far was handled: the connection may
    /// complete the prompt's answer before it has dispatched the updates read ahead of it, which would then be lost.
    /// </summary>
    public async Task DrainUpdatesAsync(TimeSpan timeout)
    {
        var target = Interlocked.Read(ref updatesForwarded);
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Interlocked.Read(ref updatesHandled) < target && Environment.TickCount64 < deadline)
        {
            await Task.Delay(5, CancellationToken.None);
        }
    }

    /// <summary>A line over the limit was skipped: the running turn says so.</summary>
    public void NoteOverlongLine(long length, int limit)
    {
        Touch();
        Current?.Extra.Writer.TryWrite(Running.OverlongLine.Notice("The ACP agent", length, limit));
    }

    [JsonRpcMethod(AcpWire.ClientMethods.SessionUpdate, UseSingleObjectParameterDeserialization = true)]
    public void Update(JsonElement parameters)
    {
        Touch();
        if (Current is { } turn && TryObject(parameters, "update", out var update))
        {
            // Synchronous on purpose: StreamJsonRpc runs it before reading the next message, so order is kept.
            turn.Updates.Writer.TryWrite(update.Clone());
        }

        Interlocked.Increment(ref updatesHandled);
    }

    [JsonRpcMethod(AcpWire.ClientMethods.SessionRequestPermission, UseSingleObjectParameterDeserialization = true)]
    public async Task<object> RequestPermissionAsync(JsonElement parameters, CancellationToken cancellationToken)
    {
        Touch();
        var turn = Current;
        if (turn is null)
        {
            return new { outcome = new { outcome = AcpWire.OutcomeCancelled } };
        }

        TryObject(parameters, "toolCall", out var toolCall);
        var request = new PermissionRequestParams
        {
            SessionId = turn.MaestroSessionId,
            ToolCall = new PermissionToolCall
            {
                Id = Str(toolCall, "toolCallId") ?? string.Empty,
                Title = Str(toolCall, "title") ?? "tool",
                Kind = Str(toolCall, "kind") ?? "other",
                Input = toolCall.ValueKind == JsonValueKind.Object && toolCall.TryGetProperty("rawInput", out var input) ? input.Clone() : null,
            },
            Options = parameters.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Array
                ? options.EnumerateArray().Select(o => new PermissionOption
                {
                    Id = Str(o, "optionId") ?? string.Empty,
                    Label = Str(o, "name") ?? Str(o, "optionId") ?? "?",
                    Kind = Str(o, "kind") switch
                    {
                        AcpWire.PermissionOptionKinds.AllowAlways => PermissionOptionKind.AllowAlways,
                        AcpWire.PermissionOptionKinds.RejectOnce => PermissionOptionKind.RejectOnce,
                        AcpWire.PermissionOptionKinds.RejectAlways => PermissionOptionKind.RejectAlways,
                        _ => PermissionOptionKind.AllowOnce,
                    },
                }).ToList()
                : [],
        };
        string? chosen;
        Interlocked.Increment(ref pendingPermissions);
        try
        {
            chosen = await permissions.RequestAsync(request, turn.Turn.PermissionMode, cancellationToken);
        }
        finally
        {
            Touch();
            Interlocked.Decrement(ref pendingPermissions);
        }

        turn.Extra.Writer.TryWrite(new PermissionRequestEvent { ToolCall = request.ToolCall, Options = request.Options, ChosenOptionId = chosen });
        return chosen is null
            ? new { outcome = new { outcome = AcpWire.OutcomeCancelled } }
            : (object)new { outcome = new { outcome = "selected", optionId = chosen } };
    }

    [JsonRpcMethod(AcpWire.ClientMethods.FsReadTextFile, UseSingleObjectParameterDeserialization = true)]
    public async Task<object> ReadTextFileAsync(JsonElement parameters, CancellationToken cancellationToken)
    {
        Touch();
        var turn = Current ?? throw new LocalRpcException("No prompt is running.") { ErrorCode = ErrorCodes.InvalidRequest };
        var line = Long(parameters, "line");
        var limit = Long(parameters, "limit");
        var text = await Served(() => turn.Workspace.ReadTextAsync(Str(parameters, "path") ?? string.Empty, line > 0 ? line : null, limit > 0 ? limit : null, cancellationToken));
        return new { content = text };
    }

    [JsonRpcMethod(AcpWire.ClientMethods.FsWriteTextFile, UseSingleObjectParameterDeserialization = true)]
    public async Task<object?> WriteTextFileAsync(JsonElement parameters, CancellationToken cancellationToken)
    {
        Touch();
        var turn = Current ?? throw new LocalRpcException("No prompt is running.") { ErrorCode = ErrorCodes.InvalidRequest };
        var (path, existed) = await Served(() => turn.Workspace.WriteTextAsync(Str(parameters, "path") ?? string.Empty, Str(parameters, "content") ?? string.Empty, cancellationToken));
        turn.Extra.Writer.TryWrite(turn.Translator.WroteFile(path, existed));
        return null;
    }

    private void Touch() => Volatile.Write(ref lastActivity, Environment.TickCount64);

    /// <summary>Runs a workspace operation, answering the agent with Maestro's code and message when it is refused.</summary>
    private static async Task<T> Served<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Maestro.Server.Errors.MaestroException ex)
        {
            throw new LocalRpcException(ex.Message) { ErrorCode = ex.Code, ErrorData = ex.Data };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The file system's own refusal (permissions, a full disk): its message, not a stack trace.
            throw new LocalRpcException(ex.Message) { ErrorCode = ErrorCodes.InvalidParams };
        }
    }
}
