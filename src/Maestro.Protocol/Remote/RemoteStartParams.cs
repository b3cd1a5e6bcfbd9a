namespace Maestro.Protocol;

public sealed record RemoteStartParams
{
    /// <summary>Listen on the machine's LAN address instead of loopback (plain HTTP on the LAN: the answer says so).</summary>
    public bool Lan { get; init; }

    /// <summary>The port to listen on; a free one when absent.</summary>
    public int? Port { get; init; }

    /// <summary>Also open a cloudflared quick tunnel to the page (cloudflared must be installed): the URLs given out are then the tunnel's.</summary>
    public bool Tunnel { get; init; }

    /// <summary>Also issue a read-only token (<see cref="RemoteStartResult.ReadOnlyUrl"/>) for watching without control.</summary>
    public bool ReadOnly { get; init; }
}
