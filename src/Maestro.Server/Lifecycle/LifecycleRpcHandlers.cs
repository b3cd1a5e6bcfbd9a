using Maestro.Protocol;
using Maestro.Server.Agents;
using Maestro.Server.Errors;
using Maestro.Server.Hosting;
using Maestro.Server.Rpc;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Maestro.Server.Lifecycle;

/// <summary><c>initialize</c>, <c>shutdown</c> and <c>exit</c> for one connection.</summary>
public sealed class LifecycleRpcHandlers : IRpcHandlers
{
    private readonly ClientConnection connection;
    private readonly AgentCatalog agents;
    private readonly MaestroOptions options;
    private readonly ILogger<LifecycleRpcHandlers> logger;

    public LifecycleRpcHandlers(ClientConnection connection, AgentCatalog agents, MaestroOptions options, ILogger<LifecycleRpcHandlers> logger)
    {
        this.connection = connection;
        this.agents = agents;
        this.options = options;
        this.logger = logger;
    }

    [JsonRpcMethod(Methods.Initialize)]
    public InitializeResult Initialize(InitializeParams request)
    {
        var clientMajor = ProtocolVersion.ParseMajor(request.ProtocolVersion);
        if (clientMajor != ProtocolVersion.Major)
        {
            throw new MaestroException(
                ErrorCodes.InvalidRequest,
                ErrorKinds.ProtocolVersionMismatch,
                $"This server speaks Maestro protocol {ProtocolVersion.Current}; the client '{request.ClientInfo.Name}' speaks {request.ProtocolVersion}. Update the older of the two so their major versions match.",
                new ErrorData { Kind = ErrorKinds.ProtocolVersionMismatch, ServerVersion = ProtocolVersion.Current, ClientVersion = request.ProtocolVersion });
        }

        StartupTrace.Mark("initialize received");
        connection.MarkInitialized(request);
        logger.LogInformation("Connection {Connection} initialized by {Client}", connection.Id, connection.Describe());
        return new InitializeResult
        {
            ProtocolVersion = ProtocolVersion.Current,
            ServerInfo = new ServerInfo { Name = "maestro", Version = BuildInfo.Version },
            Capabilities = new ServerCapabilities { Features = ServerFeatures.Landed, MaxMessageBytes = options.MaxMessageBytes },
            Agents = agents.Snapshot(),
        };
    }

    [JsonRpcMethod(Methods.Shutdown)]
    public object? Shutdown()
    {
        connection.MarkShutdown();
        logger.LogInformation("Connection {Connection} asked for shutdown", connection.Id);
        return null;
    }

    [JsonRpcMethod(Methods.Exit)]
    public void Exit()
    {
        connection.MarkExited();
    }
}
