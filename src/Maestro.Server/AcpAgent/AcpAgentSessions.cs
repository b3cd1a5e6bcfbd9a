using System.Collections.Concurrent;

namespace Maestro.Server.AcpAgent;

/// <summary>The sessions this <c>maestro acp</c> process opened (session/new) or loaded (session/load), by id.</summary>
internal sealed class AcpAgentSessions
{
    private readonly ConcurrentDictionary<string, AcpAgentSession> byId = new(StringComparer.Ordinal);

    public AcpAgentSession? Find(string sessionId) => byId.GetValueOrDefault(sessionId);

    public IEnumerable<AcpAgentSession> All => byId.Values;

    /// <summary>Adds a session; one loaded again replaces the earlier one, which stops delivering.</summary>
    public async Task AddAsync(AcpAgentSession session)
    {
        AcpAgentSession? replaced = null;
        byId.AddOrUpdate(session.Id, session, (_, old) =>
        {
            replaced = old;
            return session;
        });
        if (replaced is not null && !ReferenceEquals(replaced, session))
        {
            await replaced.DisposeAsync();
        }
    }

    public async Task DisposeAllAsync()
    {
        foreach (var session in byId.Values)
        {
            await session.DisposeAsync();
        }

        byId.Clear();
    }
}
