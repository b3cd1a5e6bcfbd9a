using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.Server.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace Maestro.TestSupport;

/// <summary>
/// The real server, in this process, registered by the same <c>AddMaestroServer()</c> and <c>AddMaestroRecovery()</c> as the daemon,
/// with its own temp MAESTRO_HOME. Clients connect over in-memory duplex streams.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly TempDirectory? ownedHome;
    private readonly IHost host;
    private readonly List<Task> connections = [];
    private readonly CancellationTokenSource stopping = new();

    /// <param name="home">An existing MAESTRO_HOME to serve (to test a restart); a fresh temp one when null.</param>
    public TestServer(Func<MaestroOptions, MaestroOptions>? configure = null, Action<IServiceCollection>? services = null, string? home = null)
    {
        if (home is null)
        {
            ownedHome = new TempDirectory("home");
            home = ownedHome.Path;
        }

        Home = home;
        var options = new MaestroOptions { Paths = new MaestroPaths(home) };
        Options = configure?.Invoke(options) ?? options;
        var logger = Logging.CreateLogger(Options.Paths, "test", toStderr: false);
        host = ServerHost.Build(Options, logger, s =>
        {
            s.AddMaestroRecovery(); // as the daemon: a restarted TestServer recovers what the previous one left
            services?.Invoke(s);
        });
        host.Start();
    }

    public MaestroOptions Options { get; }

    public IServiceProvider Services => host.Services;

    public string Home { get; }

    /// <summary>Connects a StreamJsonRpc client (not yet initialized).</summary>
    public JsonRpc ConnectClient()
    {
        var (client, server) = FullDuplexStream.CreatePair();
        Serve(server);
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = MaestroJson.CreateOptions() };
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(client, formatter));
        return rpc;
    }

    /// <summary>Connects a client and sends initialize.</summary>
    public async Task<JsonRpc> ConnectInitializedAsync(string name = "test", object? notificationTarget = null, ClientCapabilities? capabilities = null)
    {
        var rpc = ConnectClient();
        if (notificationTarget is not null)
        {
            rpc.AddLocalRpcTarget(notificationTarget, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
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

    /// <summary>Connects a raw byte-level client.</summary>
    public RawConnection ConnectRaw()
    {
        var (client, server) = FullDuplexStream.CreatePair();
        Serve(server);
        return new RawConnection(client, client);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        await host.StopAsync();
        host.Dispose();
        stopping.Dispose();
        ownedHome?.Dispose();
    }

    private void Serve(Stream stream)
    {
        var server = host.Services.GetRequiredService<RpcServer>();
        lock (connections)
        {
            connections.Add(Task.Run(() => server.ServeAsync(stream, "test", stopping.Token)));
        }
    }
}
