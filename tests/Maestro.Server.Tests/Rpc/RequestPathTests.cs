using Maestro.Protocol;
using Maestro.Server.Tests.Git;
using Maestro.TestSupport;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Rpc;

/// <summary>Path params at the RPC edge: a relative path never means the daemon's own folder.</summary>
public sealed class RequestPathTests : IAsyncLifetime
{
    private readonly TestServer server = new();
    private JsonRpc rpc = null!;

    public async Task InitializeAsync() => rpc = await server.ConnectInitializedAsync();

    public async Task DisposeAsync()
    {
        rpc.Dispose();
        await server.DisposeAsync();
    }

    [Theory]
    [InlineData(".")]
    [InlineData("src")]
    public async Task Sessions_create_refuses_a_relative_cwd(string cwd)
    {
        var error = await GitRpc.FailsAsync(
            () => rpc.InvokeWithParameterObjectAsync<Session>(Methods.SessionsCreate, new SessionCreateParams { AgentId = "claude-code", Cwd = cwd }),
            ErrorCodes.InvalidParams);
        Assert.Contains("relative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Playbooks_list_and_sessions_list_refuse_a_relative_cwd()
    {
        await GitRpc.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<PlaybooksListResult>(Methods.PlaybooksList, new PlaybooksListParams { Cwd = "." }), ErrorCodes.InvalidParams);
        await GitRpc.FailsAsync(() => rpc.InvokeWithParameterObjectAsync<SessionListResult>(Methods.SessionsList, new SessionListParams { Cwd = "." }), ErrorCodes.InvalidParams);
    }
}
