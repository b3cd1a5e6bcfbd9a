using Maestro.Protocol;
using Maestro.Server.Daemon;
using Maestro.Server.Hosting;
using StreamJsonRpc;

namespace Maestro.TestSupport;

/// <summary>A StreamJsonRpc client on a real daemon's socket, initialized, as an editor would connect.</summary>
public static class DaemonRpc
{
    public static async Task<JsonRpc> ConnectAsync(string home, string name = "test", object? notificationTarget = null)
    {
        var paths = new MaestroPaths(home);
        var stream = await DaemonEndpoint.ConnectAsync(paths, TimeSpan.FromSeconds(30), CancellationToken.None) ?? throw new InvalidOperationException("the daemon did not start");
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(stream, new SystemTextJsonFormatter { JsonSerializerOptions = MaestroJson.CreateOptions() }));
        if (notificationTarget is not null)
        {
            rpc.AddLocalRpcTarget(notificationTarget, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        }

        rpc.StartListening();
        await rpc.InvokeWithParameterObjectAsync<InitializeResult>(Methods.Initialize, new InitializeParams
        {
            ProtocolVersion = ProtocolVersion.Current,
            ClientInfo = new ClientInfo { Name = name, Version = "1" },
            Capabilities = new ClientCapabilities(),
        });
        return rpc;
    }
}
