using Maestro.Protocol;

namespace Maestro.Server.Cli.Runs;

/// <summary>Where <c>maestro run</c> shows its run: JSON lines, a live progress bar, or plain lines for logs.</summary>
internal interface IRunOutput : IDisposable
{
    void Started(Run run, bool resumed);

    void Progress(RunProgressNotification notification);

    void Finished(Run run, int exitCode);

    void Failed(string kind, string message, int exitCode);
}
