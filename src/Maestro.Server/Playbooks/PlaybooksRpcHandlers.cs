using Maestro.Protocol;
using Maestro.Server.Hosts;
using Maestro.Server.Playbooks.Runs;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Playbooks;

public sealed class PlaybooksRpcHandlers : IRpcHandlers
{
    private readonly RunService runs;
    private readonly HostConnections hosts;

    public PlaybooksRpcHandlers(RunService runs, HostConnections hosts)
    {
        this.runs = runs;
        this.hosts = hosts;
    }

    [JsonRpcMethod(Methods.PlaybooksList)]
    public async Task<PlaybooksListResult> ListAsync(PlaybooksListParams request, CancellationToken cancellationToken)
        => request.Host is { } host
            ? await hosts.ForwardToHostAsync<PlaybooksListResult>(host, Methods.PlaybooksList, request with { Host = null }, cancellationToken)
            : new() { Playbooks = await runs.ListPlaybooksAsync(RequestPath.Absolute(request.Cwd, "cwd"), cancellationToken) };

    [JsonRpcMethod(Methods.PlaybooksRun)]
    public Task<Run> RunAsync(PlaybookRunParams request, CancellationToken cancellationToken)
    {
        if (request.Host is { } host)
        {
            return hosts.RunPlaybookAsync(host, request with { Host = null }, cancellationToken);
        }

        var cwd = RequestPath.OptionalAbsolute(request.Cwd, "cwd");
        return runs.StartAsync(request with { Cwd = cwd, Path = RequestPath.AbsoluteAgainst(request.Path, cwd, "path") }, RunOrigin.Daemon, cancellationToken);
    }

    /// <summary>This machine's runs, then those of the hosts connected now (with <c>host</c> set).</summary>
    [JsonRpcMethod(Methods.RunsList)]
    public async Task<RunsListResult> RunsListAsync(RunsListParams request, CancellationToken cancellationToken)
    {
        var local = await runs.ListAsync(request.Status, cancellationToken);
        var remote = await hosts.ListRunsAsync(request, cancellationToken);
        return new() { Runs = remote.Count == 0 ? local : [.. local, .. remote] };
    }

    [JsonRpcMethod(Methods.RunsGet)]
    public Task<Run> RunsGetAsync(RunIdParams request, CancellationToken cancellationToken)
        => hosts.HostOfRun(request.RunId) is { } host
            ? hosts.ForwardToHostAsync<Run>(host, Methods.RunsGet, request, cancellationToken)
            : runs.GetAsync(request.RunId, cancellationToken);

    [JsonRpcMethod(Methods.RunsTasks)]
    public Task<RunTasksResult> RunsTasksAsync(RunIdParams request, CancellationToken cancellationToken)
        => hosts.HostOfRun(request.RunId) is { } host
            ? hosts.ForwardToHostAsync<RunTasksResult>(host, Methods.RunsTasks, request, cancellationToken)
            : runs.TasksAsync(request.RunId, cancellationToken);

    [JsonRpcMethod(Methods.RunsApprove)]
    public Task<Run> RunsApproveAsync(RunIdParams request, CancellationToken cancellationToken)
        => hosts.HostOfRun(request.RunId) is { } host
            ? hosts.ForwardToHostAsync<Run>(host, Methods.RunsApprove, request, cancellationToken)
            : runs.ApproveAsync(request.RunId, cancellationToken);

    [JsonRpcMethod(Methods.RunsStop)]
    public async Task<object?> RunsStopAsync(RunIdParams request, CancellationToken cancellationToken)
    {
        if (hosts.HostOfRun(request.RunId) is { } host)
        {
            return await hosts.ForwardToHostAsync<object?>(host, Methods.RunsStop, request, cancellationToken);
        }

        await runs.StopAsync(request.RunId, cancellationToken);
        return null;
    }
}
