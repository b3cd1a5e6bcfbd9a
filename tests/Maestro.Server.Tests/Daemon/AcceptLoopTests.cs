using System.Net.Sockets;
using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.TestSupport;
using StreamJsonRpc;

namespace Maestro.Server.Tests.Daemon;

/// <summary>
/// Running out of file descriptors costs the connections that could not be accepted, never the daemon (issue 13,
/// M11): the daemon runs under a low RLIMIT_NOFILE (<c>prlimit</c>, util-linux) and is flooded with connections.
/// </summary>
public sealed class AcceptLoopTests
{
    // The daemon holds about 140 descriptors once started (each assembly mapped from its file counts).
    private const int Limit = 256;

    [Fact]
    public async Task A_daemon_out_of_file_descriptors_keeps_serving_once_connections_close()
    {
        Assert.True(File.Exists("/usr/bin/prlimit"), "prlimit (util-linux) is needed to lower the daemon's descriptor limit");
        using var home = new TempDirectory("fd-home");
        await using var daemon = MaestroProcess.StartUnder(["/usr/bin/prlimit", $"--nofile={Limit}:{Limit}", "--"], home.Path, null, "daemon");
        var sockets = new List<Socket>();
        try
        {
            using var healthy = await DaemonRpc.ConnectAsync(home.Path, "healthy");

            // More connections than the daemon has descriptors: it accepts until it runs out. A full backlog refuses a
            // connection for a moment (EAGAIN); keep knocking until the daemon has run out or died.
            var path = new MaestroPaths(home.Path).SocketPath;
            bool OutOfDescriptors() => daemon.Stderr.Contains("Could not accept a connection", StringComparison.Ordinal) || daemon.Process.HasExited;
            var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
            while (!OutOfDescriptors() && DateTimeOffset.UtcNow < deadline)
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), timeout.Token);
                    sockets.Add(socket);
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException)
                {
                    socket.Dispose();
                    await Task.Delay(10);
                }
            }

            Assert.True(OutOfDescriptors(), $"{sockets.Count} connections did not exhaust the daemon's {Limit} descriptors");
            Assert.False(daemon.Process.HasExited, "the daemon died when it ran out of file descriptors:\n" + daemon.Stderr);

            foreach (var socket in sockets)
            {
                socket.Dispose();
            }

            sockets.Clear();
            await Wait.UntilAsync(() => Directory.GetFiles($"/proc/{daemon.Process.Id}/fd").Length < Limit - 32, TimeSpan.FromSeconds(30), "the daemon to close the connections that were let go");

            // The client connected before still works, and a new one is served.
            var status = await healthy.InvokeWithParameterObjectAsync<DaemonStatusResult>(Methods.DaemonStatus, null);
            Assert.Equal(daemon.Process.Id, status.Pid);
            using var late = await DaemonRpc.ConnectAsync(home.Path, "late");
            Assert.Equal(daemon.Process.Id, (await late.InvokeWithParameterObjectAsync<DaemonStatusResult>(Methods.DaemonStatus, null)).Pid);
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
            await MaestroProcess.RunAsync(home.Path, "daemon", "--stop");
        }
    }
}
