using System.IO.Pipelines;
using CliWrap;
using Maestro.Server.Agents.Containment;
using Maestro.Server.Agents.Running;
using Maestro.Server.Processes;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace Maestro.Server.Agents.Acp;

/// <summary>
/// One ACP agent process and the newline-delimited JSON-RPC connection over its stdio. The process is run
/// through CliWrap like every other; its stdin and stdout are bridged to the connection through pipes.
/// </summary>
internal sealed class AcpConnection : IAsyncDisposable
{
    private readonly Pipe toAgent = new();
    private readonly Pipe fromAgent = new();
    private readonly CancellationTokenSource kill = new();
    private const int StderrLineBytes = 64 * 1024;

    private readonly LineTail stderr = new(40);
    private readonly Task<CommandResult> process;

    private AcpConnection(AgentLaunch launch, AcpClientTarget target, int maxLineBytes, AgentProcesses processes, IAgentStderrSink output, ILogger logger)
    {
        Target = target;
        // The agent's configured env values and the daemon's secret-named variables: what its error texts mask too.
        var redactor = SecretRedactor.ForAgent(launch.Environment);
        void Keep(string line)
        {
            stderr.Add(line);
            if (launch.SessionId is { } session)
            {
                output.Add(session, line, redactor);
            }
        }

        var filter = new AcpLineFilter(maxLineBytes, target, logger);
        // npm's .cmd shims of agent CLIs on Windows start through cmd.exe (CommandLaunch).
        var command = CommandLaunch.For(launch.Executable, launch.Arguments).Wrap()
            .WithWorkingDirectory(launch.WorkingDirectory)
            .WithEnvironmentVariables(launch.Environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(PipeSource.Create((stdin, ct) => filter.ToAgentAsync(toAgent.Reader, stdin, ct)))
            .WithStandardOutputPipe(PipeTarget.Create((stdout, ct) => filter.FromAgentAsync(stdout, fromAgent.Writer, ct)))
            .WithStandardErrorPipe(PipeTarget.Create((stream, ct) => AgentLineReader.ReadAsync(
                stream,
                StderrLineBytes,
                (line, _) =>
                {
                    Keep(line);
                    return Task.CompletedTask;
                },
                (length, _) =>
                {
                    Keep($"(a line of {length} bytes was left out)");
                    return Task.CompletedTask;
                },
                ct)));
        process = RunAsync(command, processes, launch.SessionId, logger);
        Rpc = new AcpJsonRpc(new NewLineDelimitedMessageHandler(toAgent.Writer.AsStream(), fromAgent.Reader.AsStream(), new SystemTextJsonFormatter()));
        Rpc.AddLocalRpcTarget(target, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        Rpc.StartListening();
    }

    public JsonRpc Rpc { get; }

    public AcpClientTarget Target { get; }

    /// <summary>Completes when the agent process has exited.</summary>
    public Task Exited => process;

    public string StderrTail => stderr.ToString();

    public static AcpConnection Start(AgentLaunch launch, AcpClientTarget target, int maxLineBytes, AgentProcesses processes, IAgentStderrSink output, ILogger logger) => new(launch, target, maxLineBytes, processes, output, logger);

    /// <summary>
    /// Closes the agent's stdin and gives it a few seconds to exit by itself (agents write their session
    /// files on the way out: a kill could lose the last turn), then kills the process tree.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        await toAgent.Writer.CompleteAsync();
        try
        {
            await process.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            await kill.CancelAsync();
            try
            {
                await process.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
            {
            }
        }

        kill.Dispose();
    }

    private async Task<CommandResult> RunAsync(Command command, AgentProcesses processes, string? sessionId, ILogger logger)
    {
        try
        {
            // The agent's process group dies with it: its children (tools, language servers) do not outlive a close.
            return await processes.RunAsync(command, sessionId, kill.Token);
        }
        catch (OperationCanceledException)
        {
            return new CommandResult(-1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        }
        finally
        {
            logger.LogInformation("ACP agent {Executable} exited", Path.GetFileName(command.TargetFilePath));
            await fromAgent.Writer.CompleteAsync();
        }
    }
}
