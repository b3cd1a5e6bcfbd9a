using Maestro.Protocol;
using Maestro.Server.Daemon;
using Maestro.Server.Hosting;
using StreamJsonRpc;

namespace Maestro.TestSupport.Hardening;

/// <summary>Clients of a real daemon over its socket, as an editor connects: a JSON-RPC client or a raw one.</summary>
public static class DaemonClient
{
    public static async Task<JsonRpc> ConnectAsync(MaestroPaths paths, string name, object? target = null, ClientCapabilities? capabilities = null)
    {
        var stream = await ConnectStreamAsync(paths);
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(stream, new SystemTextJsonFormatter { JsonSerializerOptions = MaestroJson.CreateOptions() }));
        if (target is not null)
        {
            rpc.AddLocalRpcTarget(target, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        }

        rpc.StartListening();
        await rpc.InvokeWithParameterObjectAsync<InitializeResult>(Methods.Initialize, new InitializeParams
        {
            ProtocolVersion = ProtocolVersion.Current,
            ClientInfo = new ClientInfo { Name = name, Version = "1" },
            Capabilities = capabilities ?? new ClientCapabilities(),
        });
        return rpc;
    }

    public static async Task<RawConnection> ConnectRawAsync(MaestroPaths paths)
    {
        var stream = await ConnectStreamAsync(paths);
        return new RawConnection(stream, stream);
    }

    private static async Task<Stream> ConnectStreamAsync(MaestroPaths paths)
        => await DaemonEndpoint.ConnectAsync(paths, TimeSpan.FromSeconds(30), CancellationToken.None)
           ?? throw new InvalidOperationException("the daemon did not start");
}
