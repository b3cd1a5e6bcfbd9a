using Maestro.Protocol;
using Maestro.Server.Rpc;
using Maestro.Server.Stats.Limits;
using StreamJsonRpc;

namespace Maestro.Server.Sessions;

public sealed class SessionsRpcHandlers : IRpcHandlers
{
    private readonly SessionService sessions;
    private readonly CostLimitGate limits;

    public SessionsRpcHandlers(SessionService sessions, CostLimitGate limits)
    {
        this.sessions = sessions;
        this.limits = limits;
    }

    [JsonRpcMethod(Methods.SessionsCreate)]
    public Task<Session> CreateAsync(SessionCreateParams request, CancellationToken cancellationToken)
        => sessions.CreateAsync(request with { Cwd = RequestPath.Absolute(request.Cwd, "cwd") }, cancellationToken);

    [JsonRpcMethod(Methods.SessionsList)]
    public async Task<SessionListResult> ListAsync(SessionListParams request, CancellationToken cancellationToken)
        => new() { Sessions = await sessions.ListAsync(RequestPath.OptionalAbsolute(request.Cwd, "cwd"), request.Status, cancellationToken) };

    [JsonRpcMethod(Methods.SessionsGet)]
    public Task<Session> GetAsync(SessionIdParams request, CancellationToken cancellationToken)
        => sessions.GetAsync(request.SessionId, cancellationToken);

    [JsonRpcMethod(Methods.SessionsPrompt)]
    public async Task<SessionPromptResult> PromptAsync(SessionPromptParams request, CancellationToken cancellationToken)
    {
        // A spent cost limit refuses the turn before it is queued (BudgetExceeded names the limit).
        var session = await sessions.GetAsync(request.SessionId, cancellationToken);
        await limits.EnsureWithinAsync(session.AgentId, cancellationToken);
        return await sessions.PromptAsync(request.SessionId, request.Text, cancellationToken);
    }

    [JsonRpcMethod(Methods.SessionsCancel)]
    public async Task<object?> CancelAsync(SessionIdParams request, CancellationToken cancellationToken)
    {
        await sessions.CancelAsync(request.SessionId, cancellationToken);
        return null;
    }

    [JsonRpcMethod(Methods.SessionsRetryNow)]
    public async Task<object?> RetryNowAsync(SessionIdParams request, CancellationToken cancellationToken)
    {
        await sessions.RetryNowAsync(request.SessionId, cancellationToken);
        return null;
    }

    [JsonRpcMethod(Methods.SessionsHistory)]
    public Task<SessionHistoryResult> HistoryAsync(SessionHistoryParams request, CancellationToken cancellationToken)
        => sessions.HistoryAsync(request.SessionId, request.AfterSeq, request.Limit, cancellationToken);

    [JsonRpcMethod(Methods.SessionsClose)]
    public async Task<object?> CloseAsync(SessionCloseParams request, CancellationToken cancellationToken)
    {
        await sessions.CloseAsync(request.SessionId, request.RemoveWorktree, cancellationToken);
        return null;
    }

    [JsonRpcMethod(Methods.SessionsDiscover)]
    public async Task<SessionDiscoverResult> DiscoverAsync(SessionDiscoverParams request, CancellationToken cancellationToken)
        => new() { Found = await sessions.DiscoverAsync(RequestPath.OptionalAbsolute(request.Cwd, "cwd"), cancellationToken) };

    [JsonRpcMethod(Methods.SessionsImport)]
    public Task<Session> ImportAsync(SessionImportParams request, CancellationToken cancellationToken)
        => sessions.ImportAsync(request.AgentId, request.AgentSessionId, cancellationToken);

    [JsonRpcMethod(Methods.SessionsRename)]
    public Task<Session> RenameAsync(SessionRenameParams request, CancellationToken cancellationToken)
        => sessions.RenameAsync(request.SessionId, request.Name, cancellationToken);
}
