using Maestro.Protocol;

namespace Maestro.Server.Sessions;

/// <summary>Raised in-process after an event is stored and broadcast (the playbook runner and tests listen).</summary>
public sealed class SessionEventAppendedEventArgs(SessionEventNotification notification) : EventArgs
{
    public SessionEventNotification Notification { get; } = notification;
}
