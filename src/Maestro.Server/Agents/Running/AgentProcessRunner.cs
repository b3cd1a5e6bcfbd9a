using CliWrap;
using Maestro.Server.Agents.Containment;
using Maestro.Server.Hosting;
using Maestro.Server.Processes;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Agents.Running;

/// <summary>
/// Runs an agent CLI and streams its stdout lines to the adapter. stdin is closed (some CLIs read it
/// to the end), the agent's whole process group is killed on cancel, and an agent silent for longer than the
/// idle timeout is killed too: some CLIs retry forever on a dead network.
/// </summary>
public sealed class AgentProcessRunner
{
    /// <summary>stderr only feeds the error tail, whose lines are cut to 2000 characters anyway.</summary>
    private const int StderrLineBytes = 64 * 1024;

    private readonly MaestroOptions options;
    private readonly AgentProcesses processes;
    private readonly ILogger<AgentProcessRunner> logger;
    private readonly IAgentStderrSink output;

    public AgentProcessRunner(MaestroOptions options, AgentProcesses processes, IAgentStderrSink output, ILogger<AgentProcessRunner> logger)
    {
        this.output = output;
        this.options = options;
        this.processes = processes;
        this.logger = logger;
    }

    /// <summary>How agent processes are started and contained; ACP agents are started through it too.</summary>
    public AgentProcesses Processes => processes;

    /// <summary>Where agents' stderr lines are kept per session; ACP agents write there too.</summary>
    public IAgentStderrSink Output => output;

    /// <param name="onLine">Each line of stdout, decoded leniently.</param>
    /// <param name="onDiscarded">The length of each stdout line over <see cref="MaestroOptions.MaxAgentLineBytes"/>, which was skipped.</param>
    public async Task<AgentProcessResult> RunAsync(AgentLaunch launch, Func<string, CancellationToken, Task> onLine, CancellationToken cancellationToken, Func<long, CancellationToken, Task>? onDiscarded = null)
    {
        var environment = MergeEnvironment(launch.Environment, launch.WorkingDirectory);
        var redactor = new SecretRedactor(environment);
        // The session's output is shown as it comes, not only on failure: every configured env value is masked there,
        // whatever its name (as the session's error texts are).
        var outputRedactor = SecretRedactor.ForAgent(launch.Environment);
        var stderr = new LineTail(40);
        var lastOutput = Environment.TickCount64;
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timedOut = false;
        using var watchdog = new Timer(_ =>
        {
            if (Environment.TickCount64 - Volatile.Read(ref lastOutput) > options.AgentIdleTimeout.TotalMilliseconds)
            {
                timedOut = true;
                kill.Cancel();
            }
        });
        watchdog.Change(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));

        // npm's .cmd shims of agent CLIs on Windows start through cmd.exe (CommandLaunch).
        var command = CommandLaunch.For(launch.Executable, launch.Arguments).Wrap()
            .WithWorkingDirectory(launch.WorkingDirectory)
            .WithEnvironmentVariables(environment)
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(launch.StandardInput is null ? PipeSource.Null : PipeSource.FromString(launch.StandardInput))
            .WithStandardOutputPipe(PipeTarget.Create((stream, ct) => AgentLineReader.ReadAsync(
                stream,
                options.MaxAgentLineBytes,
                async (line, lineCt) =>
                {
                    Volatile.Write(ref lastOutput, Environment.TickCount64);
                    await onLine(line, lineCt);
                },
                async (length, lineCt) =>
                {
                    Volatile.Write(ref lastOutput, Environment.TickCount64);
                    logger.LogWarning("{Executable} printed a line of {Length} bytes, over the limit of {Limit}: it was discarded", Path.GetFileName(launch.Executable), length, options.MaxAgentLineBytes);
                    if (onDiscarded is not null)
                    {
                        await onDiscarded(length, lineCt);
                    }
                },
                ct)))
            .WithStandardErrorPipe(PipeTarget.Create((stream, ct) => AgentLineReader.ReadAsync(
                stream,
                StderrLineBytes,
                (line, _) =>
                {
                    Volatile.Write(ref lastOutput, Environment.TickCount64);
                    stderr.Add(line);
                    if (launch.SessionId is { } session)
                    {
                        output.Add(session, line, outputRedactor);
                    }

                    return Task.CompletedTask;
                },
                (length, _) =>
                {
                    Volatile.Write(ref lastOutput, Environment.TickCount64);
                    var note = $"(a line of {length} bytes was left out)";
                    stderr.Add(note);
                    if (launch.SessionId is { } session)
                    {
                        output.Add(session, note, outputRedactor);
                    }

                    return Task.CompletedTask;
                },
                ct)));

        logger.LogInformation("Starting {Executable} in {Directory}", Path.GetFileName(launch.Executable), launch.WorkingDirectory);
        try
        {
            var result = await processes.RunAsync(command, launch.SessionId, kill.Token);
            if (kill.IsCancellationRequested)
            {
                // The kill can end the process before CliWrap sees the token: an exit we caused is a cancel (or
                // the idle timeout), not the agent failing with the signal's exit code.
                return new AgentProcessResult { ExitCode = result.ExitCode, TimedOut = timedOut, Cancelled = !timedOut, StderrTail = redactor.Redact(stderr.ToString()) };
            }

            return new AgentProcessResult { ExitCode = result.ExitCode, TimedOut = false, Cancelled = false, StderrTail = redactor.Redact(stderr.ToString()) };
        }
        catch (OperationCanceledException)
        {
            logger.LogInformation("{Executable} was stopped ({Why})", Path.GetFileName(launch.Executable), timedOut ? "idle timeout" : "cancelled");
            return new AgentProcessResult { ExitCode = -1, TimedOut = timedOut, Cancelled = !timedOut, StderrTail = redactor.Redact(stderr.ToString()) };
        }
    }

    private static Dictionary<string, string?> MergeEnvironment(IReadOnlyDictionary<string, string?> overrides, string workingDirectory)
    {
        var merged = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            merged[(string)entry.Key] = (string?)entry.Value;
        }

        foreach (var (key, value) in overrides)
        {
            merged[key] = value;
        }

        // Some CLIs (OpenCode) take the project folder from $PWD rather than the process's directory.
        merged["PWD"] = workingDirectory;
        return merged;
    }
}
