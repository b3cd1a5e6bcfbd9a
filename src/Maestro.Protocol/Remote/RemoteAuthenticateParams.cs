namespace Maestro.Protocol;

/// <summary>The first message on the page's WebSocket: the token from the URL fragment.</summary>
public sealed record RemoteAuthenticateParams
{
    public required string Token { get; init; }
}
