using Maestro.Protocol;
using Maestro.Server.Errors;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Maestro.Server.Rpc;

/// <summary>
/// One client's connection: its lifecycle state, what it said in <c>initialize</c>, and the JSON-RPC
/// object to notify it through. Scoped: one per connection.
/// </summary>
public sealed class ClientConnection
{
    private static long nextId;
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ILogger<ClientConnection> logger;
    private int state = (int)ConnectionState.Created;

    public ClientConnection(ILogger<ClientConnection> logger)
    {
        this.logger = logger;
    }

    public long Id { get; } = Interlocked.Increment(ref nextId);

    public ConnectionState State => (ConnectionState)Volatile.Read(ref state);

    public InitializeParams? Client { get; private set; }

    /// <summary>Set by the RPC server once the connection is wired.</summary>
    public JsonRpc? Rpc { get; internal set; }

    internal IJsonRpcMessageFormatter? Formatter { get; set; }

    /// <summary>Where notifications to this client wait to be written; set by the RPC server with <see cref="Rpc"/>.</summary>
    public ClientOutbox? Outbox { get; internal set; }

    /// <summary>A page on a phone (Remote/), connected over the remote WebSocket after authenticating.</summary>
    public bool IsRemote { get; internal set; }

    /// <summary>Opened with the read-only remote token: only <see cref="Remote.ReadOnlyMethods"/> are served, and it is never asked for a permission.</summary>
    public bool ReadOnly { get; internal set; }

    /// <summary>Completes when the client sent <c>exit</c>.</summary>
    public Task Exited => exited.Task;

    /// <summary>True when <c>shutdown</c> came before <c>exit</c>: the exit code is 0.</summary>
    public bool ShutdownRequested { get; private set; }

    public string Describe() => Client is null ? $"#{Id}" : $"#{Id} {Client.ClientInfo.Name} {Client.ClientInfo.Version}";

    public void MarkInitialized(InitializeParams client)
    {
        if (Interlocked.CompareExchange(ref state, (int)ConnectionState.Initialized, (int)ConnectionState.Created) != (int)ConnectionState.Created)
        {
            throw new MaestroException(ErrorCodes.InvalidRequest, ErrorKinds.InvalidRequest, "'initialize' was already sent on this connection.");
        }

        Client = client;
    }

    public void MarkShutdown()
    {
        ShutdownRequested = true;
        Volatile.Write(ref state, (int)ConnectionState.ShutDown);
    }

    public void MarkExited()
    {
        Volatile.Write(ref state, (int)ConnectionState.Exited);
        exited.TrySetResult();
    }

    /// <summary>Decides, before dispatch, whether a message may reach the handlers in the current state.</summary>
    public GateDecision Check(JsonRpcMessage message)
    {
        if (message is not JsonRpcRequest request)
        {
            return GateDecision.Dispatch;
        }

        var method = request.Method ?? string.Empty;
        if (method is Methods.CancelRequest or Methods.Exit)
        {
            return GateDecision.Dispatch;
        }

        switch (State)
        {
            case ConnectionState.Created when method != Methods.Initialize:
                if (request.IsNotification)
                {
                    logger.LogWarning("Dropped notification {Method} sent before initialize on connection {Connection}", method, Describe());
                    return GateDecision.Drop;
                }

                return Reply(request, new ServerNotInitializedException(method));

            case ConnectionState.ShutDown or ConnectionState.Exited:
                if (request.IsNotification)
                {
                    return GateDecision.Drop;
                }

                return Reply(request, new MaestroException(
                    ErrorCodes.InvalidRequest,
                    ErrorKinds.ShuttingDown,
                    $"'{method}' was sent after 'shutdown'; only 'exit' is accepted now.",
                    new ErrorData { Kind = ErrorKinds.ShuttingDown, Method = method }));
        }

        if (ReadOnly && !Remote.ReadOnlyMethods.Allows(method))
        {
            if (request.IsNotification)
            {
                return GateDecision.Drop;
            }

            return Reply(request, Remote.RemoteAccessDeniedException.ReadOnly(method));
        }

        if (method == Methods.Initialize && NonStringProtocolVersion(request) is { } sent)
        {
            return Reply(request, new MaestroException(
                ErrorCodes.InvalidRequest,
                ErrorKinds.ProtocolVersionMismatch,
                $"This server speaks Maestro protocol {ProtocolVersion.Current}; the client sent protocolVersion {sent}, which is not a version string such as \"{ProtocolVersion.Current}\".",
                new ErrorData { Kind = ErrorKinds.ProtocolVersionMismatch, ServerVersion = ProtocolVersion.Current, ClientVersion = sent }));
        }

        if (PendingFeatures.TryGetFeature(method, out var feature))
        {
            if (request.IsNotification)
            {
                return GateDecision.Drop;
            }

            return Reply(request, new MaestroException(
                ErrorCodes.MethodNotFound,
                ErrorKinds.FeatureNotLanded,
                $"'{method}' is part of the feature \"{feature}\", which has not landed in this build of Maestro {Hosting.BuildInfo.Version}.",
                new ErrorData { Kind = ErrorKinds.FeatureNotLanded, Method = method, Feature = feature }));
        }

        return GateDecision.Dispatch;
    }

    /// <summary>
    /// A <c>protocolVersion</c> that is there but not a string (<c>1</c>, <c>1.0</c>): the documented mismatch error, not
    /// a deserializer's message about types.
    /// </summary>
    private static string? NonStringProtocolVersion(JsonRpcRequest request)
        => request.TryGetArgumentByNameOrIndex("protocolVersion", -1, typeof(System.Text.Json.JsonElement), out var value)
            && value is System.Text.Json.JsonElement { ValueKind: not System.Text.Json.JsonValueKind.String and not System.Text.Json.JsonValueKind.Undefined } element
            ? element.GetRawText()
            : null;

    private GateDecision Reply(JsonRpcRequest request, MaestroException exception)
    {
        logger.LogInformation("Refused {Method} on connection {Connection}: {Reason}", request.Method, Describe(), exception.Message);
        return GateDecision.Reply(ErrorResponses.From(Formatter!, request.RequestId, exception));
    }
}
