using System.Diagnostics;
using Maestro.Protocol;
using Maestro.Server.Daemon;
using Maestro.Server.Hosting;
using StreamJsonRpc;

namespace Maestro.Server.Cli;

/// <summary>A JSON-RPC client of the running daemon, for the CLI's own commands.</summary>
public sealed class DaemonClient : IAsyncDisposable
{
    private readonly JsonRpc rpc;

    private DaemonClient(JsonRpc rpc)
    {
        this.rpc = rpc;
    }

    /// <summary>Connects and initializes; null when no daemon runs.</summary>
    public static async Task<DaemonClient?> TryConnectAsync(MaestroPaths paths, CancellationToken cancellationToken, object? notificationTarget = null)
    {
        var watch = Stopwatch.StartNew();
        var stream = await DaemonEndpoint.TryConnectAsync(paths, cancellationToken);
        if (stream is null)
        {
            CliNotes.Detail($"no daemon answers at {DaemonEndpoint.Describe(paths)}");
            return null;
        }

        var client = await InitializeAsync(stream, notificationTarget, cancellationToken);
        CliNotes.Detail($"connected to the daemon at {DaemonEndpoint.Describe(paths)} in {watch.ElapsedMilliseconds} ms");
        return client;
    }

    /// <summary>Connects to the daemon, starting it when none runs, as <c>serve --stdio</c> does.</summary>
    /// <param name="capabilities">What this client answers (e.g. permissions, for <c>maestro acp</c>); none by default.</param>
    public static async Task<DaemonClient> ConnectOrStartAsync(MaestroPaths paths, CancellationToken cancellationToken, object? notificationTarget = null, ClientCapabilities? capabilities = null)
    {
        var watch = Stopwatch.StartNew();
        var stream = await DaemonEndpoint.TryConnectAsync(paths, cancellationToken);
        if (stream is null)
        {
            // Said on stderr (stdout is the command's result): the agents get this environment until the daemon restarts.
            CliNotes.Write($"maestro: starting the daemon for {paths.Home} with {DaemonEnvironment.Describe(Environment.GetEnvironmentVariable)}; logs in {paths.LogsDirectory}");
            DaemonLauncher.Start(paths);
            stream = await DaemonEndpoint.ConnectAsync(paths, TimeSpan.FromSeconds(30), cancellationToken)
                ?? throw new Errors.MaestroException($"Could not start or reach the daemon at {DaemonEndpoint.Describe(paths)}; see {paths.LogsDirectory}.");
        }

        var client = await InitializeAsync(stream, notificationTarget, cancellationToken, capabilities);
        CliNotes.Detail($"connected to the daemon at {DaemonEndpoint.Describe(paths)} in {watch.ElapsedMilliseconds} ms");
        return client;
    }

    /// <summary>
    /// A client of a daemon reached some other way than its socket: e.g. another machine's daemon through
    /// <c>ssh HOST maestro serve --stdio</c> (Hosts/HostConnection), LSP framing end to end.
    /// </summary>
    public static Task<DaemonClient> ConnectOverAsync(Stream sending, Stream receiving, string clientName, object? notificationTarget, ClientCapabilities capabilities, CancellationToken cancellationToken)
        => InitializeAsync(new HeaderDelimitedMessageHandler(sending, receiving, Formatter()), notificationTarget, capabilities, clientName, cancellationToken);

    private static Task<DaemonClient> InitializeAsync(Stream stream, object? notificationTarget, CancellationToken cancellationToken, ClientCapabilities? capabilities = null)
        => InitializeAsync(new HeaderDelimitedMessageHandler(stream, Formatter()), notificationTarget, capabilities, "maestro-cli", cancellationToken);

    private static SystemTextJsonFormatter Formatter() => new() { JsonSerializerOptions = MaestroJson.CreateOptions() };

    private static async Task<DaemonClient> InitializeAsync(IJsonRpcMessageHandler handler, object? notificationTarget, ClientCapabilities? capabilities, string clientName, CancellationToken cancellationToken)
    {
        var rpc = new DaemonClientRpc(handler);
        if (notificationTarget is not null)
        {
            rpc.AddLocalRpcTarget(notificationTarget, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        }

        rpc.StartListening();
        var client = new DaemonClient(rpc);
        try
        {
            await client.InvokeAsync<InitializeResult>(
                Methods.Initialize,
                new InitializeParams { ProtocolVersion = ProtocolVersion.Current, ClientInfo = new ClientInfo { Name = clientName, Version = BuildInfo.Version }, Capabilities = capabilities ?? new ClientCapabilities() },
                cancellationToken);
        }
        catch
        {
            rpc.Dispose();
            throw;
        }

        return client;
    }

    /// <summary>Completes when the connection ends: the daemon stopped or was killed.</summary>
    public Task Disconnected => rpc.Completion;

    /// <summary>Sends a notification (no answer).</summary>
    public Task NotifyAsync(string method, object argument) => rpc.NotifyWithParameterObjectAsync(method, argument);

    public async Task<T> InvokeAsync<T>(string method, object? argument, CancellationToken cancellationToken)
    {
        // -v names the wire method: it is what the daemon's log and docs/protocol.md call the request.
        var watch = Stopwatch.StartNew();
        try
        {
            var answer = argument is null
                ? await rpc.InvokeWithCancellationAsync<T>(method, [], cancellationToken)
                : await rpc.InvokeWithParameterObjectAsync<T>(method, argument, cancellationToken);
            CliNotes.Detail($"request {method} answered in {watch.ElapsedMilliseconds} ms");
            return answer;
        }
        catch (Exception ex) when (ex is RemoteRpcException or OperationCanceledException)
        {
            CliNotes.Detail($"request {method} failed after {watch.ElapsedMilliseconds} ms");
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await rpc.InvokeWithCancellationAsync<object?>(Methods.Shutdown, [], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
            await rpc.NotifyAsync(Methods.Exit);
        }
        catch (Exception ex) when (ex is ConnectionLostException or ObjectDisposedException or TimeoutException or IOException)
        {
        }

        rpc.Dispose();
    }
}
