using System.IO.Pipes;
using System.Net.Sockets;
using Maestro.Server.Hosting;

namespace Maestro.Server.Daemon;

/// <summary>The client side of the daemon's endpoint: a Unix domain socket, or a named pipe on Windows.</summary>
public static class DaemonEndpoint
{
    public static string Describe(MaestroPaths paths) => OperatingSystem.IsWindows() ? @"\\.\pipe\" + paths.PipeName : paths.SocketPath;

    /// <summary>Connects to a running daemon; null when none answers (no socket, or a stale one).</summary>
    public static async Task<Stream?> TryConnectAsync(MaestroPaths paths, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            var pipe = new NamedPipeClientStream(".", paths.PipeName, PipeDirection.InOut, PipeOptions.Asynchronous);
            try
            {
                await pipe.ConnectAsync(200, cancellationToken);
                return pipe;
            }
            catch (TimeoutException)
            {
                await pipe.DisposeAsync();
                return null;
            }
        }

        if (!File.Exists(paths.SocketPath))
        {
            return null;
        }

        // Whoever listens gets our prompts: connect only to a socket of ours, and outside the home (which is used even
        // when someone else owns it, with a warning) only in a folder of ours.
        var outsideHome = paths.SocketFolder != paths.Home;
        if (outsideHome && !UnixOwner.IsMine(paths.SocketFolder))
        {
            throw new UnsafeSocketFolderException(paths.SocketFolder);
        }

        if (!UnixOwner.IsMine(paths.SocketPath))
        {
            throw new UnsafeSocketFolderException(paths.SocketPath);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(paths.SocketPath), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    /// <summary>Polls until a daemon answers or <paramref name="timeout"/> passes.</summary>
    public static async Task<Stream?> ConnectAsync(MaestroPaths paths, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var pause = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            var stream = await TryConnectAsync(paths, cancellationToken);
            if (stream is not null || DateTimeOffset.UtcNow >= deadline)
            {
                return stream;
            }

            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 100));
        }
    }

    /// <summary>Half-closes the sending side so the daemon sees end of stream while replies still flow back.</summary>
    public static void CompleteWriting(Stream stream)
    {
        if (stream is NetworkStream network)
        {
            try
            {
                network.Socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
