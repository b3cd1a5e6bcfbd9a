using System.Text.Json;
using Maestro.Protocol;

namespace Maestro.Server.Cli.Runs;

/// <summary>
/// <c>--json</c>: one JSON object per line on stdout. Progress lines are the <c>runs/progress</c> notifications
/// (<c>event</c>: taskStarted, taskDone, taskFailed, loopStarted, waiting, resumed, finished), then one <c>summary</c> line.
/// </summary>
internal sealed class JsonRunOutput : IRunOutput
{
    private readonly TextWriter output;
    private readonly Lock gate = new();

    public JsonRunOutput(TextWriter output)
    {
        this.output = output;
    }

    public void Started(Run run, bool resumed)
    {
    }

    public void Progress(RunProgressNotification notification)
        => Write(JsonSerializer.Serialize(notification, RunLinesJsonContext.Default.RunProgressNotification));

    private bool stoppedHere;

    public void StoppedHere() => stoppedHere = true;

    public void Finished(Run run, int exitCode)
        => Write(JsonSerializer.Serialize(RunSummary.From(run, exitCode) with { Continues = stoppedHere && run.Outcome == RunOutcome.Stopped ? true : null }, RunLinesJsonContext.Default.RunSummary));

    public void Failed(string kind, string message, int exitCode)
    {
        // Said on stderr too, as every command says its failure, so a script that keeps only stderr still reads why.
        Console.Error.WriteLine($"maestro run: {message}");
        Write(JsonSerializer.Serialize(new RunErrorLine { Kind = kind, Message = message, ExitCode = exitCode }, RunLinesJsonContext.Default.RunErrorLine));
    }

    public void Dispose() => output.Flush();

    private void Write(string line)
    {
        lock (gate)
        {
            output.WriteLine(line);
            output.Flush(); // a CI log or a pipe sees each event as it happens
        }
    }
}
