using System.Buffers;
using System.IO.Pipelines;
using CliWrap;
using Maestro.Protocol;
using Maestro.Server.Agents.Running;
using Maestro.Server.Cli;
using Maestro.Server.Errors;
using Maestro.Server.Hosts.Errors;
using Maestro.Server.Processes;
using Maestro.Server.Processes.Containment;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Hosts;

/// <summary>
/// One SSH connection to a host's daemon: <c>ssh -T … DEST '&lt;remote maestro&gt; serve --stdio'</c> run through CliWrap
/// like every other process, its stdio bridged through pipes to the same JSON-RPC client the CLI uses
/// (<see cref="DaemonClient"/>), LSP framing end to end. Maestro never parses ssh's bytes beyond the framing.
/// </summary>
internal sealed class HostLink : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly Pipe toRemote = new();
    private readonly Pipe fromRemote = new();
    private readonly CancellationTokenSource kill = new();
    private readonly LineTail stderr = new(40);
    private readonly HostRecord host;
    private readonly Task<CommandResult> process;

    private HostLink(HostRecord host, Command command)
    {
        this.host = host;
        var started = ProcessStartThread.Run(() => command
            .WithStandardInputPipe(PipeSource.Create(PumpUpAsync))
            .WithStandardOutputPipe(PipeTarget.Create(PumpDownAsync))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(stderr.Add))
            .ExecuteAsync(kill.Token));
        ProcessId = started.ProcessId;
        process = WatchAsync(started);
    }

    public int ProcessId { get; }

    public DaemonClient Client { get; private set; } = null!;

    /// <summary>Completes when the connection ends: ssh exited, or the host's side closed it.</summary>
    public Task Closed => Task.WhenAny(process, Client.Disconnected);

    /// <summary>Starts ssh and initializes the host's daemon; a failure becomes an error that says what to do.</summary>
    public static async Task<HostLink> OpenAsync(HostRecord host, SshClient ssh, string version, object listener, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        var executable = ExecutableLocator.Find("ssh")
            ?? throw new HostUnreachableException("The OpenSSH client (ssh) is not installed on this machine, and Maestro reaches hosts through it: install it (e.g. 'apt-get install openssh-client') and try again.");
        var command = CliWrap.Cli.Wrap(executable)
            .WithArguments(ssh.Arguments(host, HostServeCommand.For(host, version)))
            .WithValidation(CommandResultValidation.None);
        var link = new HostLink(host, command);
        logger.LogInformation("Connecting to host {Host} ({Destination}), ssh pid {Pid}", host.Name, host.Destination, link.ProcessId);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            link.Client = await DaemonClient.ConnectOverAsync(
                link.toRemote.Writer.AsStream(),
                link.fromRemote.Reader.AsStream(),
                "maestro-host-relay",
                listener,
                new ClientCapabilities { BatchedEvents = true, Permissions = true },
                deadline.Token);
            return link;
        }
        catch (Exception ex) when (ex is not MaestroException && !cancellationToken.IsCancellationRequested)
        {
            var failure = await link.FailureAsync(timeout, ex);
            await link.DisposeAsync();
            throw failure;
        }
        catch
        {
            await link.DisposeAsync();
            throw;
        }
    }

    /// <summary>Why the connection ended, for the host's <c>lastError</c>.</summary>
    public string Describe()
        => process.IsCompletedSuccessfully
            ? $"ssh exited with {process.Result.ExitCode}{Said()}"
            : "the host's daemon closed the connection" + Said();

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        await toRemote.Writer.CompleteAsync();
        try
        {
            await process.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            await kill.CancelAsync();
            await process.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        kill.Dispose();
    }

    private async Task<MaestroException> FailureAsync(TimeSpan timeout, Exception ex)
    {
        // A failed login ends ssh at once; a hung one is stopped here so its stderr is complete.
        if (!process.IsCompleted)
        {
            await kill.CancelAsync();
        }

        await process.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        var exit = process.IsCompletedSuccessfully ? process.Result.ExitCode : -1;
        var said = stderr.ToString().Trim();
        if (exit == SshClient.SshFailed)
        {
            return SshFailure.From(host, said);
        }

        if (exit == HostServeCommand.NotInstalled)
        {
            return new HostUnreachableException($"'{host.Name}' has no maestro: install this version there with 'maestro hosts install {host.Name}' (hosts/install), or put maestro on the host's PATH.");
        }

        return ex is OperationCanceledException
            ? new HostUnreachableException($"'{host.Name}' did not answer 'initialize' within {timeout.TotalSeconds:0} s over ssh{Said()} Check it with 'maestro hosts test {host.Name}'.")
            : new HostUnreachableException($"'{host.Name}': the remote 'maestro serve --stdio' ended (exit {exit}){Said()} Check it with 'maestro hosts test {host.Name}'.", ex);
    }

    private string Said()
    {
        var said = stderr.ToString().Trim();
        return said.Length == 0 ? "." : ": " + said.Split('\n').Last().Trim();
    }

    private async Task<CommandResult> WatchAsync(Task<CommandResult> started)
    {
        try
        {
            return await started;
        }
        catch (OperationCanceledException)
        {
            return new CommandResult(-1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        }
        finally
        {
            // The client reads to the end and then sees the connection lost.
            await fromRemote.Writer.CompleteAsync();
        }
    }

    /// <summary>What the client writes goes to ssh's stdin at once (one flush per message).</summary>
    private async Task PumpUpAsync(Stream stdin, CancellationToken cancellationToken)
    {
        var reader = toRemote.Reader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            foreach (var segment in read.Buffer)
            {
                await stdin.WriteAsync(segment, cancellationToken);
            }

            await stdin.FlushAsync(cancellationToken);
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }

        await reader.CompleteAsync();
    }

    private async Task PumpDownAsync(Stream stdout, CancellationToken cancellationToken)
    {
        var writer = fromRemote.Writer;
        while (true)
        {
            var memory = writer.GetMemory(BufferSize);
            var read = await stdout.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                break;
            }

            writer.Advance(read);
            var flushed = await writer.FlushAsync(cancellationToken);
            if (flushed.IsCompleted)
            {
                break;
            }
        }
    }
}
