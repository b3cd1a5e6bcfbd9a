using System.Globalization;
using CliWrap;
using Maestro.Server.Agents.Containment;
using Maestro.Server.Agents.Running;
using Maestro.Server.Processes;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Remote;

/// <summary>
/// A cloudflared quick tunnel to the remote page (<c>cloudflared tunnel --url http://127.0.0.1:PORT</c>): started
/// contained like an agent (its own process group, killed with the daemon, reaped after a crash), its public address
/// read from its log, restarted when it dies (at most <see cref="MaxRestarts"/> times: a tunnel that keeps dying is
/// left down and <c>remote/status</c> says why), ended with <c>remote/stop</c>.
/// </summary>
public sealed class RemoteTunnel : IAsyncDisposable
{
    public const int MaxRestarts = 3;

    /// <summary>cloudflared's log lines are short; a longer one is cut, never buffered whole.</summary>
    private const int MaxLineBytes = 16 * 1024;

    private readonly string executable;
    private readonly int port;
    private readonly AgentProcesses processes;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly LineTail tail = new(8);
    private Task supervising = Task.CompletedTask;
    private volatile Uri? publicUrl;
    private volatile string? error;
    private int restarts;

    private RemoteTunnel(string executable, int port, AgentProcesses processes, ILogger logger)
    {
        this.executable = executable;
        this.port = port;
        this.processes = processes;
        this.logger = logger;
    }

    /// <summary>The tunnel's public address while cloudflared runs and has printed it; null while it restarts or after it gave up.</summary>
    public Uri? PublicUrl => publicUrl;

    public int Restarts => Volatile.Read(ref restarts);

    /// <summary>Why the tunnel is down for good.</summary>
    public string? Error => error;

    /// <summary>Starts cloudflared and waits (at most <paramref name="wait"/>) for its public address.</summary>
    /// <exception cref="TunnelUnavailableException">cloudflared exited first, or printed no address in time; the message carries its last lines.</exception>
    public static async Task<RemoteTunnel> StartAsync(string executable, int port, TimeSpan wait, AgentProcesses processes, ILogger logger, CancellationToken cancellationToken)
    {
        var tunnel = new RemoteTunnel(executable, port, processes, logger);
        var first = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        tunnel.supervising = Task.Run(() => tunnel.SuperviseAsync(first), CancellationToken.None);
        try
        {
            await first.Task.WaitAsync(wait, cancellationToken);
            return tunnel;
        }
        catch (TimeoutException)
        {
            var lines = tunnel.tail.ToString();
            await tunnel.DisposeAsync();
            throw new TunnelUnavailableException(string.Create(CultureInfo.InvariantCulture, $"cloudflared printed no public address within {wait.TotalSeconds:0} s (is this machine online? Cloudflare's quick tunnels need outbound HTTPS or QUIC); it was stopped. Its last lines: {Quote(lines)}"));
        }
        catch
        {
            await tunnel.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await supervising;
        stopping.Dispose();
    }

    private async Task SuperviseAsync(TaskCompletionSource<Uri> first)
    {
        while (true)
        {
            int? exitCode = null;
            try
            {
                exitCode = await RunOnceAsync(first);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
            {
                tail.Add(ex.Message);
            }

            publicUrl = null;
            if (stopping.IsCancellationRequested)
            {
                first.TrySetCanceled();
                return;
            }

            var how = exitCode is { } code ? "exited with code " + code.ToString(CultureInfo.InvariantCulture) : "could not be started";
            if (!first.Task.IsCompleted)
            {
                first.TrySetException(new TunnelUnavailableException($"cloudflared ({executable}) {how} before giving a public address. Its last lines: {Quote(tail.ToString())}"));
                return;
            }

            if (Restarts >= MaxRestarts)
            {
                error = $"cloudflared {how} and was restarted {MaxRestarts} times already, so the tunnel stays down (the page is still served on this machine; 'maestro remote stop' then 'start --tunnel' tries again). Its last lines: {Quote(tail.ToString())}";
                logger.LogError("The remote tunnel is down for good: cloudflared {How} after {Restarts} restarts", how, MaxRestarts);
                return;
            }

            var restart = Interlocked.Increment(ref restarts);
            logger.LogWarning("cloudflared {How}; restarting it ({Restart} of {Max})", how, restart, MaxRestarts);
            try
            {
                // A little longer each time: a network that is down for a moment is not three restarts gone at once.
                await Task.Delay(TimeSpan.FromMilliseconds(500 * restart), stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <returns>cloudflared's exit code.</returns>
    private async Task<int> RunOnceAsync(TaskCompletionSource<Uri> first)
    {
        // --no-autoupdate: an unattended tunnel must not replace its own binary and restart under us.
        var arguments = new[] { "tunnel", "--no-autoupdate", "--url", "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture) };
        var command = CommandLaunch.For(executable, arguments).Wrap()
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(PipeSource.Null)
            .WithStandardOutputPipe(PipeTarget.Create((stream, ct) => AgentLineReader.ReadAsync(stream, MaxLineBytes, OnLine, Skip, ct)))
            .WithStandardErrorPipe(PipeTarget.Create((stream, ct) => AgentLineReader.ReadAsync(stream, MaxLineBytes, OnLine, Skip, ct)));
        logger.LogInformation("Starting cloudflared for the remote page on port {Port}", port);
        var result = await processes.RunAsync(command, sessionId: null, stopping.Token);
        return result.ExitCode;

        Task OnLine(string line, CancellationToken cancellationToken)
        {
            tail.Add(line);
            if (publicUrl is null && QuickTunnelOutput.PublicUrl(line) is { } url)
            {
                publicUrl = url;
                logger.LogInformation("The remote tunnel is at {Host}", url.Host);
                first.TrySetResult(url);
            }

            return Task.CompletedTask;
        }

        static Task Skip(long length, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static string Quote(string lines) => string.IsNullOrWhiteSpace(lines) ? "(none)" : lines.Trim().ReplaceLineEndings(" / ");
}
