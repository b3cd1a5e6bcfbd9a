namespace Maestro.Server.Agents.Settings;

/// <summary>The <c>remote</c> entry of <c>$MAESTRO_HOME/settings.json</c> (docs/remote.md).</summary>
public sealed record RemoteSettings
{
    /// <summary>The cloudflared to run for a tunnel instead of the one found on PATH.</summary>
    public string? CloudflaredPath { get; init; }

    /// <summary>How long cloudflared may take to print its public address (30 s when absent).</summary>
    public int? TunnelWaitSeconds { get; init; }
}
