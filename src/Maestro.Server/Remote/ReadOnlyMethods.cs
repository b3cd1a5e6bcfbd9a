using M = Maestro.Protocol.Methods;

namespace Maestro.Server.Remote;

/// <summary>
/// What a read-only remote connection may call: the lifecycle and the methods that only read. An allow-list, so a
/// method added later is refused to watchers until someone decides it only reads.
/// </summary>
public static class ReadOnlyMethods
{
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        M.Initialize, M.Shutdown, M.Exit, M.CancelRequest,
        M.AgentsList,
        M.SessionsList, M.SessionsGet, M.SessionsHistory, M.SessionsOutput,
        M.GitStatus, M.GitLog, M.GitBranches, M.WorktreesList, M.ReviewChanges,
        M.PlaybooksList, M.RunsList, M.RunsGet,
        M.ChatList, M.ChatGet, M.ChatHistory,
        M.StatsGet, M.StatsLeaderboard, M.StatsExport, M.StatsOutages,
        M.RemoteStatus, M.DaemonStatus,
    };

    public static bool Allows(string method) => Allowed.Contains(method);
}
