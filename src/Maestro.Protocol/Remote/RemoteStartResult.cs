namespace Maestro.Protocol;

/// <summary>
/// Remote access is on. The tokens are only in the URLs' fragments (<c>#token=…</c>): a browser never sends a
/// fragment to a server, a proxy or a Referer.
/// </summary>
public sealed record RemoteStartResult
{
    /// <summary>The page with full control: <c>http://127.0.0.1:PORT/#token=…</c>, or the tunnel's <c>https://….trycloudflare.com/#token=…</c>.</summary>
    public required string Url { get; init; }

    /// <summary>The QR code of <see cref="Url"/> as an SVG document, for the editors.</summary>
    public required string QrSvg { get; init; }

    /// <summary>The page for watching only, when <c>readOnly</c> was asked.</summary>
    public string? ReadOnlyUrl { get; init; }

    /// <summary>The QR code of <see cref="ReadOnlyUrl"/>.</summary>
    public string? ReadOnlyQrSvg { get; init; }

    public required int Port { get; init; }

    /// <summary>The address listened on (127.0.0.1, or the LAN address).</summary>
    public required string Host { get; init; }

    /// <summary>Set when listening on the LAN: traffic there is plain HTTP, readable by anyone on the network.</summary>
    public string? Warning { get; init; }

    /// <summary>True when remote access was already on: the same URLs as before.</summary>
    public bool AlreadyRunning { get; init; }

    /// <summary>With a tunnel: the same full-control page on this machine (the tunnel's URL is in <see cref="Url"/>).</summary>
    public string? LocalUrl { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}
