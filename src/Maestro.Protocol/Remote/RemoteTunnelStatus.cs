namespace Maestro.Protocol;

/// <summary>The cloudflared quick tunnel of a remote access started with <c>tunnel</c>; never its token-bearing URL.</summary>
public sealed record RemoteTunnelStatus
{
    /// <summary>True while cloudflared runs and has given its public address.</summary>
    public required bool Running { get; init; }

    /// <summary>The tunnel's public host name (<c>….trycloudflare.com</c>); it changes when cloudflared is restarted.</summary>
    public string? Host { get; init; }

    /// <summary>How many times cloudflared was restarted after it died (at most <see cref="MaxRestarts"/>).</summary>
    public required int Restarts { get; init; }

    public required int MaxRestarts { get; init; }

    /// <summary>Why the tunnel is down for good (cloudflared kept dying); the page is still served on this machine.</summary>
    public string? Error { get; init; }
}
