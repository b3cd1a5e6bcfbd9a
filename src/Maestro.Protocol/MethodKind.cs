namespace Maestro.Protocol;

/// <summary>Who sends a method and whether it is answered.</summary>
public enum MethodKind
{
    /// <summary>Client to server, answered with a result or an error.</summary>
    Request,

    /// <summary>Client to server, never answered (<c>exit</c>, <c>$/cancelRequest</c>).</summary>
    Notification,

    /// <summary>Server to client, answered by the client (<c>permissions/request</c>).</summary>
    ServerRequest,

    /// <summary>Server to client, never answered (<c>sessions/event</c> and the other pushes).</summary>
    ServerNotification,
}
