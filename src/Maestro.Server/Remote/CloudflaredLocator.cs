using Maestro.Server.Agents.Settings;
using Maestro.Server.Processes;

namespace Maestro.Server.Remote;

/// <summary>Which cloudflared a tunnel runs: <c>remote.cloudflaredPath</c> in settings.json, else the one on PATH.</summary>
public static class CloudflaredLocator
{
    public const string InstallHint =
        "Install it from https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/ " +
        "(Debian/Ubuntu: Cloudflare's apt repository or the cloudflared .deb; macOS: 'brew install cloudflared'; Windows: 'winget install Cloudflare.cloudflared'), " +
        "or set \"remote\": {\"cloudflaredPath\": \"/path/to/cloudflared\"} in settings.json. " +
        "Without a tunnel, start remote access without 'tunnel' and reach the page on this machine or, with 'lan', on your network.";

    /// <exception cref="TunnelUnavailableException">Neither the configured path nor PATH has a cloudflared that can run.</exception>
    public static string Find(RemoteSettings? settings)
    {
        if (settings?.CloudflaredPath is { Length: > 0 } configured)
        {
            return ExecutableLocator.Find(configured)
                ?? throw new TunnelUnavailableException($"remote.cloudflaredPath in settings.json is '{configured}', which is not an executable file. {InstallHint}");
        }

        return ExecutableLocator.Find("cloudflared")
            ?? throw new TunnelUnavailableException($"A tunnel needs cloudflared, which is not on PATH. {InstallHint}");
    }
}
