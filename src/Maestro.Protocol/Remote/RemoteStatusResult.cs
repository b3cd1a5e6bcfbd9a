namespace Maestro.Protocol;

/// <summary>Whether remote access is on; never carries a token (ask <c>remote/start</c> again for the URLs).</summary>
public sealed record RemoteStatusResult
{
    public required bool Running { get; init; }

    public int? Port { get; init; }

    public string? Host { get; init; }

    /// <summary>True when a read-only token was issued.</summary>
    public bool ReadOnlyIssued { get; init; }

    /// <summary>Authenticated WebSockets open now.</summary>
    public int Connections { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The cloudflared tunnel, when remote access was started with one.</summary>
    public RemoteTunnelStatus? Tunnel { get; init; }
}
