using Maestro.Protocol;
using Maestro.Server.Errors;
using Maestro.Server.Sessions;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Hosts;

/// <summary>
/// <see cref="ISessionGateway"/> by host: this machine's sessions from <see cref="SessionService"/>, a host's through
/// <see cref="HostConnections"/> (connecting on first use), as <c>sessions/*</c> with that session's id would go.
/// </summary>
public sealed class HostRoutedSessions : ISessionGateway
{
    private readonly SessionService local;
    private readonly HostConnections hosts;
    private readonly ILogger<HostRoutedSessions> logger;

    public HostRoutedSessions(SessionService local, HostConnections hosts, ILogger<HostRoutedSessions> logger)
    {
        this.local = local;
        this.hosts = hosts;
        this.logger = logger;
    }

    public Task<Session> CreateAsync(string? host, SessionCreateParams request, CancellationToken cancellationToken)
        => host is null ? local.CreateAsync(request, cancellationToken) : hosts.CreateSessionAsync(host, request, cancellationToken);

    public Task<Session> GetAsync(string? host, string sessionId, CancellationToken cancellationToken)
        => host is null ? local.GetAsync(sessionId, cancellationToken) : hosts.GetSessionAsync(host, sessionId, cancellationToken);

    public async Task<SessionPromptResult> PromptAsync(string? host, string sessionId, string text, CancellationToken cancellationToken)
    {
        if (host is null)
        {
            return await local.PromptAsync(sessionId, text, cancellationToken);
        }

        // The relay must know the session before its turn, so the turn's events are relayed and a lost connection is waited out.
        _ = await hosts.GetSessionAsync(host, sessionId, cancellationToken);
        try
        {
            return await hosts.PromptAsync(new SessionPromptParams { SessionId = sessionId, Text = text }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Dropping the request is not enough: the host's daemon would let the turn run on.
            try
            {
                await hosts.ForwardToHostAsync<object?>(host, Methods.SessionsCancel, new SessionIdParams { SessionId = sessionId }, CancellationToken.None);
            }
            catch (MaestroException ex)
            {
                logger.LogWarning("Host {Host}: could not cancel the turn of {Session}: {Message}", host, sessionId, ex.Message);
            }

            throw;
        }
    }

    public Task<SessionHistoryResult> HistoryAsync(string? host, string sessionId, long afterSeq, int limit, CancellationToken cancellationToken)
        => host is null
            ? local.HistoryAsync(sessionId, afterSeq, limit, cancellationToken)
            : hosts.ForwardToHostAsync<SessionHistoryResult>(host, Methods.SessionsHistory, new SessionHistoryParams { SessionId = sessionId, AfterSeq = afterSeq, Limit = limit }, cancellationToken);
}
