using System.Net.Sockets;
using Maestro.Server.Cli;
using Maestro.Server.Hosting;
using Microsoft.Win32.SafeHandles;

namespace Maestro.Server.Daemon;

/// <summary>
/// <c>maestro serve --stdio</c> without <c>--in-process</c>: connects to the daemon (starting it when
/// none runs) and copies bytes both ways. It never parses a message, so it adds almost nothing per message,
/// and it starts fast: raw file descriptors instead of the Console class, a blocking socket and two plain
/// threads instead of the async machinery (editors start this process on every window).
/// </summary>
public static class StdioRelay
{
    private const int BufferSize = 64 * 1024;

    public static async Task<int> RunAsync(MaestroPaths paths, CancellationToken cancellationToken)
    {
        using var stdin = OpenStandard(0, FileAccess.Read);
        using var stdout = OpenStandard(1, FileAccess.Write);
        Console.SetOut(new StderrWriter()); // stdout carries JSON-RPC and nothing else
        StartupTrace.Mark("relay: stdio open");

        var daemon = ConnectSocket(paths) ?? await DaemonEndpoint.TryConnectAsync(paths, cancellationToken);
        if (daemon is null)
        {
            DaemonLauncher.Start(paths);
            daemon = await DaemonEndpoint.ConnectAsync(paths, TimeSpan.FromSeconds(30), cancellationToken);
        }

        StartupTrace.Mark("relay: connected");
        if (daemon is null)
        {
            await Console.Error.WriteLineAsync($"maestro: could not start or reach the daemon at {DaemonEndpoint.Describe(paths)}. See {paths.LogsDirectory} or run 'maestro daemon' in a terminal to see why.");
            return ExitCodes.DaemonUnavailable;
        }

        using (daemon)
        {
            Exception? downFailure = null;
            var down = new Thread(() => downFailure = Copy(daemon, stdout)) { IsBackground = true, Name = "daemon→stdout" };
            var up = new Thread(() =>
            {
                Copy(stdin, daemon);
                DaemonEndpoint.CompleteWriting(daemon);
            })
            { IsBackground = true, Name = "stdin→daemon" };
            down.Start();
            up.Start();

            // Done when the daemon closes our connection (after 'exit', or when the editor closed stdin:
            // then the daemon sees the end and closes its side within moments).
            while (!down.Join(200))
            {
                if (!up.IsAlive && !down.Join(TimeSpan.FromSeconds(5)))
                {
                    break;
                }
            }

            if (downFailure is not null)
            {
                await Console.Error.WriteLineAsync($"maestro: the connection to the daemon broke: {downFailure.Message}");
                return ExitCodes.DaemonUnavailable;
            }

            // The daemon ended our connection while the editor still had stdin open: after 'exit' that is the answer,
            // but a daemon that died (kill -9, out of memory) or stopped ends it the same way. An editor restarts a
            // server that fails, so say which it was: a daemon that no longer accepts connections is gone.
            if (up.IsAlive && !await DaemonAnswersAsync(paths, cancellationToken))
            {
                var pid = DaemonLock.HolderPid(paths);
                await Console.Error.WriteLineAsync($"maestro: the daemon{(pid is null ? string.Empty : $" (pid {pid})")} stopped while this editor was connected; start 'maestro serve --stdio' again to reconnect (it starts a new daemon). See {paths.LogsDirectory} for why it stopped.");
                return ExitCodes.DaemonUnavailable;
            }

            return ExitCodes.Ok;
        }
    }

    /// <summary>
    /// True when the daemon is still up: its process lives and a new connection to it stays open. A daemon that was
    /// killed can still accept for an instant while the kernel tears its sockets down, and one that is stopping may
    /// accept and then close; either ends the probe connection at once, a live daemon waits for its initialize.
    /// </summary>
    private static async Task<bool> DaemonAnswersAsync(MaestroPaths paths, CancellationToken cancellationToken)
    {
        if (DaemonLock.HolderPid(paths) is { } pid && !ProcessAlive(pid))
        {
            return false;
        }

        try
        {
            var probe = await DaemonEndpoint.TryConnectAsync(paths, cancellationToken);
            if (probe is null)
            {
                return false;
            }

            await using (probe)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                quiet.CancelAfter(TimeSpan.FromMilliseconds(300));
                try
                {
                    // A live daemon says nothing before initialize: the read times out. A dying one ends the connection.
                    return await probe.ReadAsync(new byte[1], quiet.Token) > 0;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>True while the process exists and is not a zombie (a killed daemon its launcher has not reaped yet).</summary>
    private static bool ProcessAlive(int pid)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        try
        {
            // /proc/<pid>/stat: "pid (comm) S ..." with the state after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart();
            return state.Length > 0 && state[0] is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No /proc entry: gone (or no /proc at all, as on macOS: then the probe connection decides).
            return !Directory.Exists("/proc");
        }
    }

    /// <summary>Copies until end of stream; returns the failure, if any, instead of throwing on a plain thread.</summary>
    private static Exception? Copy(Stream from, Stream to)
    {
        var buffer = new byte[BufferSize];
        try
        {
            int read;
            while ((read = from.Read(buffer, 0, buffer.Length)) > 0)
            {
                to.Write(buffer, 0, read);
                to.Flush();
            }

            return null;
        }
        catch (IOException ex)
        {
            return ex;
        }
        catch (ObjectDisposedException ex)
        {
            return ex;
        }
    }

#pragma warning disable RS0030 // 'serve --stdio' relays JSON-RPC between the editor's stdio and the daemon: its stdout is the stream
    private static Stream OpenStandard(int fd, FileAccess access)
        => OperatingSystem.IsWindows()
            ? (access == FileAccess.Read ? Console.OpenStandardInput() : Console.OpenStandardOutput())
            : new FileStream(new SafeFileHandle(fd, ownsHandle: false), access, bufferSize: 0);
#pragma warning restore RS0030

    /// <summary>A blocking connect to the Unix socket: no async machinery on the editor's hot path.</summary>
    private static NetworkStream? ConnectSocket(MaestroPaths paths)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(paths.SocketPath))
        {
            return null;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(paths.SocketPath));
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    /// <summary>Console.Out for the relay: stderr, created only if something is ever written.</summary>
    private sealed class StderrWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => Console.Error.Write(value);

        public override void Write(string? value) => Console.Error.Write(value);
    }
}
