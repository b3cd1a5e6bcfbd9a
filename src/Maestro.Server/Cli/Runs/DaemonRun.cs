using Maestro.Protocol;
using Maestro.Server.Daemon;
using Maestro.Server.Hosting;
using StreamJsonRpc;

namespace Maestro.Server.Cli.Runs;

/// <summary>
/// <c>maestro run</c> through the daemon: starts the run there (<c>playbooks/run</c>), prints its <c>runs/progress</c>
/// as the in-process run does, and returns the same exit code. Ctrl-C stops the run; a stop from an editor or
/// <c>maestro runs stop</c> ends this command with exit 14. The daemon's agents get the daemon's environment, so a
/// credential set only in this shell is warned about.
/// </summary>
internal static class DaemonRun
{
    public static async Task<int> RunAsync(PlaybookRunParams request, IRunOutput output, CancellationToken cancellationToken)
    {
        var paths = MaestroPaths.FromEnvironment();
        var follower = new RunFollower(output);
        var running = await DaemonClient.TryConnectAsync(paths, CancellationToken.None, follower);
        await using var client = running ?? await DaemonClient.ConnectOrStartAsync(paths, CancellationToken.None, follower);
        if (running is not null)
        {
            await WarnAboutEnvironmentAsync(client);
        }

        // The run this terminal's Ctrl-C stopped last time goes on, when the daemon still has it stopped.
        var continued = StoppedRuns.Take(paths, request.Path, request.AgentId) is { } stoppedId && await IsStoppedAsync(client, stoppedId) ? stoppedId : null;
        Run run;
        try
        {
            run = await client.InvokeAsync<Run>(Methods.PlaybooksRun, continued is null ? request : request with { ContinueRunId = continued }, CancellationToken.None);
        }
        catch (RemoteRpcException ex) when (ex is RemoteInvocationException or RemoteMethodNotFoundException)
        {
            var kind = Kind(ex);
            var exitCode = RunCommand.ExitCodeOf(kind);
            output.Failed(kind ?? ErrorKinds.InternalError, ex.Message, exitCode);
            return exitCode;
        }

        output.Started(run, resumed: continued is not null);
        await RunCommand.WarnAsync(run.Playbook);
        follower.Follow(run.Id);

        var interrupted = Task.Delay(Timeout.Infinite, cancellationToken);
        var first = await Task.WhenAny(follower.Finished, client.Disconnected, interrupted);
        if (first == interrupted)
        {
            // Ctrl-C or SIGTERM: the run stops (its agent is killed) and this command reports it as stopped.
            await client.InvokeAsync<object?>(Methods.RunsStop, new RunIdParams { RunId = run.Id }, CancellationToken.None);
            StoppedRuns.Remember(paths, request.Path, run.Id, run.AgentId);
            output.StoppedHere();
            first = await Task.WhenAny(follower.Finished, client.Disconnected);
        }

        if (first != follower.Finished)
        {
            const string lost = "The daemon stopped during the run; it resumes the run when it starts again ('maestro runs show RUN' follows it).";
            output.Failed(ErrorKinds.InternalError, lost.Replace("RUN", run.Id, StringComparison.Ordinal), ExitCodes.Error);
            return ExitCodes.Error;
        }

        var final = await client.InvokeAsync<Run>(Methods.RunsGet, new RunIdParams { RunId = run.Id }, CancellationToken.None);
        var code = RunCommand.ExitCodeOf(final.Outcome);
        output.Finished(final, code);
        return code;
    }

    private static async Task<bool> IsStoppedAsync(DaemonClient client, string runId)
    {
        try
        {
            return (await client.InvokeAsync<Run>(Methods.RunsGet, new RunIdParams { RunId = runId }, CancellationToken.None)).Outcome == RunOutcome.Stopped;
        }
        catch (RemoteInvocationException)
        {
            return false; // forgotten (another MAESTRO_HOME's database, or deleted): start a new run
        }
    }

    private static async Task WarnAboutEnvironmentAsync(DaemonClient client)
    {
        var status = await client.InvokeAsync<DaemonStatusResult>(Methods.DaemonStatus, null, CancellationToken.None);
        if (DoctorWarnings.KeysMissingIn(status, DaemonEnvironment.CredentialsSet(Environment.GetEnvironmentVariable)) is { } warning)
        {
            await Console.Error.WriteLineAsync("warning: " + warning);
        }
    }

    private static string? Kind(RemoteRpcException ex) => ex switch
    {
        RemoteInvocationException r => (r.DeserializedErrorData as ErrorData)?.Kind ?? CliErrorReporter.KindOf(r.ErrorData),
        RemoteMethodNotFoundException r => (r.DeserializedErrorData as ErrorData)?.Kind ?? CliErrorReporter.KindOf(r.ErrorData),
        _ => null,
    };
}
