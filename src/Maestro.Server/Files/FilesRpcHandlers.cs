using Maestro.Protocol;
using Maestro.Server.Hosts;
using Maestro.Server.Rpc;
using StreamJsonRpc;

namespace Maestro.Server.Files;

/// <summary><c>files/read</c>: a working file's text, read here or, with <c>host</c>, by that host's daemon.</summary>
public sealed class FilesRpcHandlers : IRpcHandlers
{
    private readonly WorkingFileReader reader;
    private readonly HostConnections hosts;

    public FilesRpcHandlers(WorkingFileReader reader, HostConnections hosts)
    {
        this.reader = reader;
        this.hosts = hosts;
    }

    [JsonRpcMethod(Methods.FilesRead)]
    public Task<FilesReadResult> ReadAsync(FilesReadParams request, CancellationToken cancellationToken)
        => request.Host is { } host
            ? hosts.ForwardToHostAsync<FilesReadResult>(host, Methods.FilesRead, request with { Host = null }, cancellationToken)
            : reader.ReadAsync(request, cancellationToken);
}
