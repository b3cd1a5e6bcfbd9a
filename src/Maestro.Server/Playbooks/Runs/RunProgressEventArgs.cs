using Maestro.Protocol;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>Raised in-process with every <c>runs/progress</c> notification (the headless CLI listens).</summary>
public sealed class RunProgressEventArgs(RunProgressNotification notification) : EventArgs
{
    public RunProgressNotification Notification { get; } = notification;
}
