namespace Maestro.Protocol;

public sealed record RemoteStartResult
{
    public required string Url { get; init; }

    public required string QrSvg { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}
