using Maestro.Protocol;
using Maestro.Server.Hosts;
using Maestro.Server.Rpc;
using Maestro.TestSupport;
using Maestro.TestSupport.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Tests.Hosts;

/// <summary>
/// A host daemon's <c>sessions/outputAppended</c> as the local daemon's listener gets it: relayed to the local clients
/// with <c>host</c> set (the ssh leg is covered by <see cref="HostSessionsTests"/>, whose real agent writes no stderr).
/// </summary>
public sealed class HostListenerOutputTests
{
    [Fact]
    public async Task A_hosts_output_lines_reach_the_local_clients_with_host_set()
    {
        await using var server = new TestServer();
        var recorder = new OutputRecorder();
        using var client = await server.ConnectInitializedAsync("output-relay", recorder);
        var listener = new HostListener("build-box", relay: null!, permissions: null!, server.Services.GetRequiredService<ConnectionRegistry>(), r => r, r => r);
        var lines = new[] { new SessionOutputLine { Seq = 4, At = DateTimeOffset.UtcNow, Text = "warning: slow" } };

        listener.OnOutputAppended(new SessionOutputAppendedNotification { SessionId = "s_0123456789ab", Lines = lines });

        await Wait.UntilAsync(() => recorder.Batches.Count == 1, what: "the relayed sessions/outputAppended");
        var relayed = recorder.Batches[0];
        Assert.Equal("build-box", relayed.Host);
        Assert.Equal("s_0123456789ab", relayed.SessionId);
        Assert.Equal(lines, relayed.Lines);
    }
}
