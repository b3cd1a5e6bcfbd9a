namespace Maestro.Protocol;

public sealed record RemoteStartParams
{
    /// <summary>Listen on the LAN as well as loopback.</summary>
    public bool Lan { get; init; }

    public int? Port { get; init; }

    /// <summary>Start a cloudflared quick tunnel when cloudflared is installed.</summary>
    public bool Tunnel { get; init; }
}
