using Maestro.Server.Cli;
using Maestro.Server.Hosting;

namespace Maestro.Server.Daemon;

/// <summary>
/// <c>maestro serve --stdio</c> without <c>--in-process</c>: connects to the daemon (starting it when
/// none runs) and copies bytes both ways. It never parses a message, so it starts fast and adds
/// almost nothing per message.
/// </summary>
public static class StdioRelay
{
    public static async Task<int> RunAsync(MaestroPaths paths, CancellationToken cancellationToken)
    {
        using var stdin = Console.OpenStandardInput();
        using var stdout = Console.OpenStandardOutput();
        Console.SetOut(Console.Error); // stdout carries JSON-RPC and nothing else

        var daemon = await DaemonEndpoint.TryConnectAsync(paths, cancellationToken);
        if (daemon is null)
        {
            DaemonLauncher.Start(paths);
            daemon = await DaemonEndpoint.ConnectAsync(paths, TimeSpan.FromSeconds(30), cancellationToken);
        }

        if (daemon is null)
        {
            await Console.Error.WriteLineAsync($"maestro: could not start or reach the daemon at {DaemonEndpoint.Describe(paths)}. See {paths.LogsDirectory} or run 'maestro daemon' in a terminal to see why.");
            return ExitCodes.DaemonUnavailable;
        }

        await using (daemon)
        {
            var up = Task.Run(
                async () =>
                {
                    try
                    {
                        await stdin.CopyToAsync(daemon, cancellationToken);
                    }
                    finally
                    {
                        DaemonEndpoint.CompleteWriting(daemon);
                    }
                },
                cancellationToken);
            var down = daemon.CopyToAsync(stdout, cancellationToken);

            if (await Task.WhenAny(up, down) == up)
            {
                // The editor closed our stdin: the daemon closes its side once it has seen the end.
                await Task.WhenAny(down, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
            }

            if (down.IsFaulted)
            {
                await Console.Error.WriteLineAsync($"maestro: the connection to the daemon broke: {down.Exception?.GetBaseException().Message}");
                return ExitCodes.DaemonUnavailable;
            }

            return ExitCodes.Ok;
        }
    }
}
