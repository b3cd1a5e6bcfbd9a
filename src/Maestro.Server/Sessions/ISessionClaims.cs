namespace Maestro.Server.Sessions;

/// <summary>
/// Another live process that may be working a session right now (a <c>maestro run</c> beside the daemon): recovery
/// leaves such a session alone, its turn is not interrupted.
/// </summary>
public interface ISessionClaims
{
    Task<bool> IsClaimedElsewhereAsync(string sessionId, CancellationToken cancellationToken);
}
