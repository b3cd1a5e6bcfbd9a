using Maestro.Protocol;
using Maestro.TestSupport;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Lifecycle;

public sealed class LifecycleTests : IAsyncLifetime
{
    private readonly TestServer server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Initialize_answers_with_server_info_features_and_agents()
    {
        using var rpc = server.ConnectClient();
        rpc.StartListening();
        var result = await rpc.InvokeWithParameterObjectAsync<InitializeResult>(Methods.Initialize, LspFraming.InitializeParams());
        Assert.Equal("maestro", result.ServerInfo.Name);
        Assert.Equal(ProtocolVersion.Current, result.ProtocolVersion);
        Assert.Contains("lifecycle", result.Capabilities.Features);
        Assert.Contains(result.Agents, a => a.Id == "claude-code");
        Assert.Contains(result.Agents, a => a.Id == "codex" && a.Kind == AgentKind.Native);
        Assert.Contains(result.Agents, a => a.Id.StartsWith("acp:", StringComparison.Ordinal) && a.Kind == AgentKind.Acp);
    }

    [Fact]
    public async Task A_request_before_initialize_gets_ServerNotInitialized()
    {
        using var rpc = server.ConnectClient();
        rpc.StartListening();
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => rpc.InvokeWithCancellationAsync<AgentsListResult>(Methods.AgentsList, []));
        Assert.Equal(ErrorCodes.ServerNotInitialized, error.ErrorCode);
    }

    [Fact]
    public async Task A_different_major_protocol_version_is_refused_naming_both()
    {
        using var rpc = server.ConnectClient();
        rpc.StartListening();
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => rpc.InvokeWithParameterObjectAsync<InitializeResult>(
            Methods.Initialize,
            new InitializeParams { ProtocolVersion = "2.0", ClientInfo = new ClientInfo { Name = "future" } }));
        Assert.Equal(ErrorCodes.InvalidRequest, error.ErrorCode);
        Assert.Contains("2.0", error.Message, StringComparison.Ordinal);
        Assert.Contains(ProtocolVersion.Current, error.Message, StringComparison.Ordinal);

        // The connection stays usable: a correct initialize still works.
        var ok = await rpc.InvokeWithParameterObjectAsync<InitializeResult>(Methods.Initialize, LspFraming.InitializeParams());
        Assert.Equal("maestro", ok.ServerInfo.Name);
    }

    [Fact]
    public async Task A_second_initialize_is_refused()
    {
        using var rpc = await server.ConnectInitializedAsync();
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => rpc.InvokeWithParameterObjectAsync<InitializeResult>(Methods.Initialize, LspFraming.InitializeParams()));
        Assert.Equal(ErrorCodes.InvalidRequest, error.ErrorCode);
    }

    [Fact]
    public async Task After_shutdown_only_exit_is_accepted_and_exit_closes_the_connection()
    {
        using var rpc = await server.ConnectInitializedAsync();
        await rpc.InvokeWithCancellationAsync<object?>(Methods.Shutdown, []);
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => rpc.InvokeWithCancellationAsync<AgentsListResult>(Methods.AgentsList, []));
        Assert.Equal(ErrorCodes.InvalidRequest, error.ErrorCode);
        await rpc.NotifyAsync(Methods.Exit);
        await rpc.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Methods_of_features_not_landed_answer_method_not_found_naming_the_feature()
    {
        // Every feature has landed in this build; the check stands for the next one that has not.
        using var rpc = await server.ConnectInitializedAsync();
        foreach (var method in Maestro.Server.Rpc.PendingFeatures.All)
        {
            Assert.True(Maestro.Server.Rpc.PendingFeatures.TryGetFeature(method, out var feature));
            var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => rpc.InvokeWithParameterObjectAsync<object>(method, new { }));
            Assert.Equal(ErrorCodes.MethodNotFound, (int)error.ErrorCode);
            Assert.Contains(feature, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_method_answers_method_not_found()
    {
        using var rpc = await server.ConnectInitializedAsync();
        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => rpc.InvokeWithCancellationAsync<object>("no/such", []));
        Assert.Equal(ErrorCodes.MethodNotFound, (int)error.ErrorCode);
    }

    [Fact]
    public async Task Agents_list_reports_every_known_agent_with_a_reason_when_missing()
    {
        using var rpc = await server.ConnectInitializedAsync();
        var result = await rpc.InvokeWithCancellationAsync<AgentsListResult>(Methods.AgentsList, []);
        Assert.Equal(["claude-code", "codex", "opencode", "gemini"], result.Agents.Where(a => a.Kind == AgentKind.Native).Select(a => a.Id));
        Assert.All(result.Agents.Where(a => !a.Available), a => Assert.Contains("not on PATH", a.Reason, StringComparison.Ordinal));
    }
}
