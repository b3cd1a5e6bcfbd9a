using Maestro.Protocol;

namespace Maestro.Server.Sessions;

/// <summary>
/// Sessions wherever they run: this machine's (<c>host</c> null) or a host's, through that host's connection. A
/// feature that drives sessions on a user's behalf (a group chat room) talks to this, so a participant on a host
/// is not a special case of its own.
/// </summary>
public interface ISessionGateway
{
    Task<Session> CreateAsync(string? host, SessionCreateParams request, CancellationToken cancellationToken);

    /// <summary>The session as it is now (a host's: asked of the host, <c>host</c> set).</summary>
    Task<Session> GetAsync(string? host, string sessionId, CancellationToken cancellationToken);

    /// <summary>One turn; cancelling the token stops the turn wherever it runs.</summary>
    Task<SessionPromptResult> PromptAsync(string? host, string sessionId, string text, CancellationToken cancellationToken);

    Task<SessionHistoryResult> HistoryAsync(string? host, string sessionId, long afterSeq, int limit, CancellationToken cancellationToken);
}
