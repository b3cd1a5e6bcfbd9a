using Maestro.Protocol;
using Maestro.Server.Rpc;
using Maestro.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Rpc;

public sealed class CancellationTests
{
    [Fact]
    public async Task CancelRequest_cancels_a_running_request()
    {
        var started = new TaskCompletionSource();
        await using var server = new TestServer(services: s => s.AddScoped<IRpcHandlers>(_ => new SlowHandlers(started)));
        using var rpc = await server.ConnectInitializedAsync();
        using var cts = new CancellationTokenSource();
        var call = rpc.InvokeWithCancellationAsync<string>("test/slow", [], cts.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await SlowHandlers.SawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public sealed class SlowHandlers(TaskCompletionSource started) : IRpcHandlers
    {
        public static TaskCompletionSource SawCancellation { get; } = new();

        [JsonRpcMethod("test/slow")]
        public async Task<string> SlowAsync(CancellationToken cancellationToken)
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                SawCancellation.TrySetResult();
                throw;
            }

            return "never";
        }
    }
}
