using Maestro.Protocol;

namespace Maestro.Server.Cli.Runs;

/// <summary>Where <c>maestro run</c> shows its run: JSON lines, a live progress bar, or plain lines for logs.</summary>
internal interface IRunOutput : IDisposable
{
    void Started(Run run, bool resumed);

    void Progress(RunProgressNotification notification);

    /// <summary>This command stopped the run (Ctrl-C, SIGTERM): the next <c>maestro run</c> of the playbook goes on with it.</summary>
    void StoppedHere();

    void Finished(Run run, int exitCode);

    void Failed(string kind, string message, int exitCode);
}
