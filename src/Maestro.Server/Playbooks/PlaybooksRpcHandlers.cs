using Maestro.Protocol;
using Maestro.Server.Playbooks.Runs;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Playbooks;

public sealed class PlaybooksRpcHandlers : IRpcHandlers
{
    private readonly RunService runs;

    public PlaybooksRpcHandlers(RunService runs)
    {
        this.runs = runs;
    }

    [JsonRpcMethod(Methods.PlaybooksList)]
    public async Task<PlaybooksListResult> ListAsync(PlaybooksListParams request, CancellationToken cancellationToken)
        => new() { Playbooks = await runs.ListPlaybooksAsync(RequestPath.Absolute(request.Cwd, "cwd"), cancellationToken) };

    [JsonRpcMethod(Methods.PlaybooksRun)]
    public Task<Run> RunAsync(PlaybookRunParams request, CancellationToken cancellationToken)
    {
        var cwd = RequestPath.OptionalAbsolute(request.Cwd, "cwd");
        return runs.StartAsync(request with { Cwd = cwd, Path = RequestPath.AbsoluteAgainst(request.Path, cwd, "path") }, RunOrigin.Daemon, cancellationToken);
    }

    [JsonRpcMethod(Methods.RunsList)]
    public async Task<RunsListResult> RunsListAsync(RunsListParams request, CancellationToken cancellationToken)
        => new() { Runs = await runs.ListAsync(request.Status, cancellationToken) };

    [JsonRpcMethod(Methods.RunsGet)]
    public Task<Run> RunsGetAsync(RunIdParams request, CancellationToken cancellationToken)
        => runs.GetAsync(request.RunId, cancellationToken);

    [JsonRpcMethod(Methods.RunsApprove)]
    public Task<Run> RunsApproveAsync(RunIdParams request, CancellationToken cancellationToken)
        => runs.ApproveAsync(request.RunId, cancellationToken);

    [JsonRpcMethod(Methods.RunsStop)]
    public async Task<object?> RunsStopAsync(RunIdParams request, CancellationToken cancellationToken)
    {
        await runs.StopAsync(request.RunId, cancellationToken);
        return null;
    }
}
