using Maestro.Protocol;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>Records (or checks, see <see cref="ExchangeStore"/>) the lifecycle, agents and not-landed exchanges.</summary>
public sealed class LifecycleExchangeTests : IAsyncLifetime
{
    private ExchangeSandbox sandbox = null!;

    public Task InitializeAsync()
    {
        sandbox = ExchangeSandbox.Create();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await sandbox.DisposeAsync();

    [Fact]
    public async Task Agents_list_answers_every_known_agent()
    {
        await using var client = await sandbox.ConnectAsync();
        var answer = await client.RecordAsync(Methods.AgentsList);
        Assert.Contains(answer["result"]!["agents"]!.AsArray(), a => (string?)a!["id"] == "claude-code" && (bool)a["available"]!);
    }

    [Fact]
    public async Task Shutdown_then_exit_closes_the_connection()
    {
        await using var client = await sandbox.ConnectAsync();
        var answer = await client.RecordAsync(Methods.Shutdown);
        Assert.Null(answer["result"]);
        await client.RecordErrorAsync(Methods.AgentsList, null, ErrorCodes.InvalidRequest, ErrorKinds.ShuttingDown);

        await client.NotifyAsync(Methods.Exit);
        Assert.True(await client.ClosedAsync(TimeSpan.FromSeconds(30)), "exit did not close the connection");
        Exchange.RecordSentNotification(Methods.Exit, null);
    }

    [Fact]
    public async Task Documented_lifecycle_errors()
    {
        await using var client = new ExchangeClient(sandbox.Server.ConnectRaw());
        await client.RecordErrorAsync(Methods.AgentsList, null, ErrorCodes.ServerNotInitialized, ErrorKinds.ServerNotInitialized);
        await client.RecordErrorAsync(
            Methods.Initialize,
            new InitializeParams { ProtocolVersion = "9.0", ClientInfo = new ClientInfo { Name = "exchanges", Version = "1" } },
            ErrorCodes.InvalidRequest,
            ErrorKinds.ProtocolVersionMismatch);
        Assert.NotNull((await client.InitializeAsync())["result"]);
        await client.RecordErrorAsync(Methods.SessionsGet, new System.Text.Json.Nodes.JsonObject(), ErrorCodes.InvalidParams, ErrorKinds.InvalidParams);
    }

    /// <summary>
    /// Every method of a feature that has not landed answers -32601 FeatureNotLanded: that answer is its exchange.
    /// (A fact over the list, not a theory: the list is empty whenever every feature has landed.)
    /// </summary>
    [Fact]
    public async Task A_method_of_a_feature_not_landed_answers_FeatureNotLanded()
    {
        await using var client = await sandbox.ConnectAsync();
        foreach (var method in PendingMethods())
        {
            var answer = await client.CallAsync(method, new System.Text.Json.Nodes.JsonObject());
            Exchange.AssertError(answer, ErrorCodes.MethodNotFound, ErrorKinds.FeatureNotLanded);
            Assert.False(string.IsNullOrEmpty((string?)answer["error"]!["data"]!["feature"]));
            Exchange.Record(ExchangeStore.FileName(method), method, new System.Text.Json.Nodes.JsonObject(), answer);
        }
    }

    private static IEnumerable<string> PendingMethods()
        => MethodShapes.All.Where(m => m.Shape.Kind == MethodKind.Request && Maestro.Server.Rpc.PendingFeatures.TryGetFeature(m.Name, out _)).Select(m => m.Name);
}
