using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Maestro.Server.Processes;

/// <summary>The one way Maestro runs a short-lived command: CliWrap, bounded by a timeout, the whole tree killed on expiry.</summary>
public sealed class ProcessRunner
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A service injected where commands run.")]
    public Task<ProcessResult> RunAsync(
        string executable,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
        => RunCoreAsync(executable, arguments, timeout, workingDirectory, environment, PipeSource.Null, cancellationToken);

    /// <summary>Runs a command that reads <paramref name="standardInput"/> (e.g. a tar stream sent over ssh).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "A service injected where commands run.")]
    public Task<ProcessResult> RunWithInputAsync(
        string executable,
        IReadOnlyList<string> arguments,
        PipeSource standardInput,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
        => RunCoreAsync(executable, arguments, timeout, null, environment, standardInput, cancellationToken);

    private static async Task<ProcessResult> RunCoreAsync(
        string executable,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        string? workingDirectory,
        IReadOnlyDictionary<string, string?>? environment,
        PipeSource standardInput,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var command = CliWrap.Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(standardInput);
        if (workingDirectory is not null)
        {
            command = command.WithWorkingDirectory(workingDirectory);
        }

        if (environment is not null)
        {
            command = command.WithEnvironmentVariables(environment);
        }

        try
        {
            var result = await command.ExecuteBufferedAsync(Encoding.UTF8, deadline.Token);
            return new ProcessResult(result.ExitCode, result.StandardOutput, result.StandardError, TimedOut: false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ProcessResult(-1, string.Empty, string.Empty, TimedOut: true);
        }
    }
}
