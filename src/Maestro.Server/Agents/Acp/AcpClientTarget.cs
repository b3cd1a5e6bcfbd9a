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
    private AcpTurnContext? current;

    public AcpClientTarget(PermissionBroker permissions)
    {
        this.permissions = permissions;
    }

    public long LastActivity { get; private set; } = Environment.TickCount64;

    public AcpTurnContext? Current
    {
        get => Volatile.Read(ref current);
        set => Volatile.Write(ref current, value);
    }

    [JsonRpcMethod(AcpWire.ClientMethods.SessionUpdate, UseSingleObjectParameterDeserialization = true)]
    public void Update(JsonElement parameters)
    {
        LastActivity = Environment.TickCount64;
        if (Current is { } turn && TryObject(parameters, "update", out var update))
        {
            // Synchronous on purpose: StreamJsonRpc runs it before reading the next message, so order is kept.
            turn.Updates.Writer.TryWrite(update.Clone());
        }
    }

    [JsonRpcMethod(AcpWire.ClientMethods.SessionRequestPermission, UseSingleObjectParameterDeserialization = true)]
    public async Task<object> RequestPermissionAsync(JsonElement parameters, CancellationToken cancellationToken)
    {
        LastActivity = Environment.TickCount64;
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
        var chosen = await permissions.RequestAsync(request, turn.Turn.PermissionMode, cancellationToken);
        turn.Extra.Writer.TryWrite(new PermissionRequestEvent { ToolCall = request.ToolCall, Options = request.Options, ChosenOptionId = chosen });
        return chosen is null
            ? new { outcome = new { outcome = AcpWire.OutcomeCancelled } }
            : (object)new { outcome = new { outcome = "selected", optionId = chosen } };
    }

    [JsonRpcMethod(AcpWire.ClientMethods.FsReadTextFile, UseSingleObjectParameterDeserialization = true)]
    public async Task<object> ReadTextFileAsync(JsonElement parameters, CancellationToken cancellationToken)
    {
        LastActivity = Environment.TickCount64;
        var turn = Current ?? throw new LocalRpcException("No prompt is running.") { ErrorCode = ErrorCodes.InvalidRequest };
        var line = Long(parameters, "line");
        var limit = Long(parameters, "limit");
        var text = await Served(() => turn.Workspace.ReadTextAsync(Str(parameters, "path") ?? string.Empty, line > 0 ? line : null, limit > 0 ? limit : null, cancellationToken));
        return new { content = text };
    }

    [JsonRpcMethod(AcpWire.ClientMethods.FsWriteTextFile, UseSingleObjectParameterDeserialization = true)]
    public async Task<object?> WriteTextFileAsync(JsonElement parameters, CancellationToken cancellationToken)
    {
        LastActivity = Environment.TickCount64;
        var turn = Current ?? throw new LocalRpcException("No prompt is running.") { ErrorCode = ErrorCodes.InvalidRequest };
        var (path, existed) = await Served(() => turn.Workspace.WriteTextAsync(Str(parameters, "path") ?? string.Empty, Str(parameters, "content") ?? string.Empty, cancellationToken));
        turn.Extra.Writer.TryWrite(turn.Translator.WroteFile(path, existed));
        return null;
    }

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
