using Maestro.Protocol;
using Maestro.Server.Hosts;
using Maestro.Server.Rpc;
using Maestro.Server.Sessions.Output;
using Maestro.Server.Stats.Limits;
using StreamJsonRpc;

namespace Maestro.Server.Sessions;

public sealed class SessionsRpcHandlers : IRpcHandlers
{
    private readonly SessionService sessions;
    private readonly CostLimitGate limits;
    private readonly SessionsRecovered? recovered;
    private readonly HostConnections hosts;
    private readonly SessionOutput output;

    public SessionsRpcHandlers(SessionService sessions, CostLimitGate limits, IEnumerable<SessionsRecovered> recoveries, HostConnections hosts, SessionOutput output)
    {
        this.output = output;
        this.sessions = sessions;
        this.limits = limits;
        this.hosts = hosts;
        recovered = recoveries.FirstOrDefault();
    }

    [JsonRpcMethod(Methods.SessionsCreate)]
    public Task<Session> CreateAsync(SessionCreateParams request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Host is { } host
            ? hosts.CreateSessionAsync(host, request with { Cwd = RequestPath.Absolute(request.Cwd, "cwd") }, cancellationToken)
            : sessions.CreateAsync(request with { Cwd = RequestPath.Absolute(request.Cwd, "cwd") }, cancellationToken);
    }

    /// <summary>This machine's sessions, then those of every host (with <c>host</c> set; an offline host's as last known).</summary>
    [JsonRpcMethod(Methods.SessionsList)]
    public async Task<SessionListResult> ListAsync(SessionListParams request, CancellationToken cancellationToken)
    {
        await RecoveredAsync(cancellationToken);
        var cwd = RequestPath.OptionalAbsolute(request.Cwd, "cwd");
        var local = await sessions.ListAsync(cwd, request.Status, cancellationToken);
        var remote = await hosts.ListSessionsAsync(cwd, request.Status, cancellationToken);
        return new() { Sessions = remote.Count == 0 ? local : [.. local, .. remote] };
    }

    [JsonRpcMethod(Methods.SessionsGet)]
    public async Task<Session> GetAsync(SessionIdParams request, CancellationToken cancellationToken)
    {
        if (hosts.IsHostSession(request.SessionId))
        {
            return await hosts.ForwardAsync<Session>(request.SessionId, Methods.SessionsGet, request, cancellationToken);
        }

        await RecoveredAsync(cancellationToken);
        return await sessions.GetAsync(request.SessionId, cancellationToken);
    }

    [JsonRpcMethod(Methods.SessionsPrompt)]
    public async Task<SessionPromptResult> PromptAsync(SessionPromptParams request, CancellationToken cancellationToken)
    {
        // A host's session: its host's daemon applies its own cost limits.
        if (hosts.IsHostSession(request.SessionId))
        {
            return await hosts.PromptAsync(request, cancellationToken);
        }

        // A spent cost limit refuses the turn before it is queued (BudgetExceeded names the limit).
        var session = await sessions.GetAsync(request.SessionId, cancellationToken);
        await limits.EnsureWithinAsync(session.AgentId, cancellationToken);
        return await sessions.PromptAsync(request.SessionId, request.Text, cancellationToken);
    }

    [JsonRpcMethod(Methods.SessionsCancel)]
    public async Task<object?> CancelAsync(SessionIdParams request, CancellationToken cancellationToken)
    {
        if (hosts.IsHostSession(request.SessionId))
        {
            return await hosts.ForwardAsync<object?>(request.SessionId, Methods.SessionsCancel, request, cancellationToken);
        }

        await sessions.CancelAsync(request.SessionId, cancellationToken);
        return null;
    }

    [JsonRpcMethod(Methods.SessionsRetryNow)]
    public async Task<object?> RetryNowAsync(SessionIdParams request, CancellationToken cancellationToken)
    {
        if (hosts.IsHostSession(request.SessionId))
        {
            return await hosts.ForwardAsync<object?>(request.SessionId, Methods.SessionsRetryNow, request, cancellationToken);
        }

        await sessions.RetryNowAsync(request.SessionId, cancellationToken);
        return null;
    }

    [JsonRpcMethod(Methods.SessionsHistory)]
    public async Task<SessionHistoryResult> HistoryAsync(SessionHistoryParams request, CancellationToken cancellationToken)
    {
        if (hosts.IsHostSession(request.SessionId))
        {
            return await hosts.ForwardAsync<SessionHistoryResult>(request.SessionId, Methods.SessionsHistory, request, cancellationToken);
        }

        await RecoveredAsync(cancellationToken);
        return await sessions.HistoryAsync(request.SessionId, request.AfterSeq, request.Limit, cancellationToken);
    }

    /// <summary>A host's session: asked of its host, whose daemon keeps its agent's output.</summary>
    [JsonRpcMethod(Methods.SessionsOutput)]
    public async Task<SessionOutputResult> OutputAsync(SessionOutputParams request, CancellationToken cancellationToken)
    {
        if (hosts.IsHostSession(request.SessionId))
        {
            return await hosts.ForwardAsync<SessionOutputResult>(request.SessionId, Methods.SessionsOutput, request, cancellationToken);
        }

        await sessions.GetAsync(request.SessionId, cancellationToken); // an unknown id is SessionNotFound, not an empty output
        return output.Read(request.SessionId, request.AfterSeq);
    }

    [JsonRpcMethod(Methods.SessionsClose)]
    public Task<SessionCloseResult> CloseAsync(SessionCloseParams request, CancellationToken cancellationToken)
        => hosts.IsHostSession(request.SessionId)
            ? hosts.ForwardAsync<SessionCloseResult>(request.SessionId, Methods.SessionsClose, request, cancellationToken)
            : sessions.CloseAsync(request.SessionId, request.RemoveWorktree, request.DeleteBranch, cancellationToken);

    [JsonRpcMethod(Methods.SessionsDiscover)]
    public async Task<SessionDiscoverResult> DiscoverAsync(SessionDiscoverParams request, CancellationToken cancellationToken)
        => new() { Found = await sessions.DiscoverAsync(RequestPath.OptionalAbsolute(request.Cwd, "cwd"), cancellationToken) };

    [JsonRpcMethod(Methods.SessionsImport)]
    public Task<Session> ImportAsync(SessionImportParams request, CancellationToken cancellationToken)
        => sessions.ImportAsync(request.AgentId, request.AgentSessionId, cancellationToken);

    [JsonRpcMethod(Methods.SessionsRename)]
    public Task<Session> RenameAsync(SessionRenameParams request, CancellationToken cancellationToken)
        => hosts.IsHostSession(request.SessionId)
            ? hosts.ForwardAsync<Session>(request.SessionId, Methods.SessionsRename, request, cancellationToken)
            : sessions.RenameAsync(request.SessionId, request.Name, cancellationToken);

    [JsonRpcMethod(Methods.SessionsConfigure)]
    public Task<Session> ConfigureAsync(SessionConfigureParams request, CancellationToken cancellationToken)
        => hosts.IsHostSession(request.SessionId)
            ? hosts.ForwardAsync<Session>(request.SessionId, Methods.SessionsConfigure, request, cancellationToken)
            : sessions.ConfigureAsync(request, cancellationToken);

    [JsonRpcMethod(Methods.SessionsArchive)]
    public Task<Session> ArchiveAsync(SessionArchiveParams request, CancellationToken cancellationToken)
        => hosts.IsHostSession(request.SessionId)
            ? hosts.ForwardAsync<Session>(request.SessionId, Methods.SessionsArchive, request, cancellationToken)
            : sessions.ArchiveAsync(request.SessionId, request.Archived, cancellationToken);

    [JsonRpcMethod(Methods.SessionsDelete)]
    public async Task<object?> DeleteAsync(SessionDeleteParams request, CancellationToken cancellationToken)
    {
        if (hosts.IsHostSession(request.SessionId))
        {
            return await hosts.ForwardAsync<object?>(request.SessionId, Methods.SessionsDelete, request, cancellationToken);
        }

        await sessions.DeleteAsync(request.SessionId, request.Force, cancellationToken);
        output.Forget(request.SessionId);
        return null;
    }

    /// <summary>
    /// Right after a restart, reads wait until the turns the last daemon left running are marked failed (bounded:
    /// the reaping of a survivor gives up after 10 s), so no client is shown a dead turn as running, or a history
    /// that grows behind its back by the recovery's two events.
    /// </summary>
    private Task RecoveredAsync(CancellationToken cancellationToken)
        => recovered is null ? Task.CompletedTask : recovered.Task.WaitAsync(cancellationToken);
}
