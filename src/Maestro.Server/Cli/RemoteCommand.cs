using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Hosting;
using Maestro.Server.Remote;

namespace Maestro.Server.Cli;

/// <summary><c>maestro remote start [--lan] [--port N] [--tunnel] [--read-only] [--json]</c>, <c>maestro remote status</c>, <c>maestro remote stop</c>, through the daemon.</summary>
internal static class RemoteCommand
{
    public static Command Create()
    {
        var command = new Command("remote", "Watch and steer the daemon's sessions from a phone: a page served on this machine, opened from a QR code.");
        command.Subcommands.Add(Start());
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Stop());
        return command;
    }

    private static Command Start()
    {
        var lan = new Option<bool>("--lan") { Description = "Listen on this machine's LAN address (plain HTTP on your network) instead of loopback only." };
        var port = new Option<int?>("--port") { Description = "The port to listen on (a free one when left out)." };
        var tunnel = new Option<bool>("--tunnel") { Description = "Also open a Cloudflare quick tunnel (needs cloudflared): the links are then https://….trycloudflare.com, reachable from anywhere." };
        var readOnly = new Option<bool>("--read-only") { Description = "Also print a second link that can watch but not control." };
        var json = new Option<bool>("--json") { Description = "Print JSON (the remote/start result)." };
        var command = new Command("start", "Start remote access (or show it when already on): prints the link and its QR code. The token is in the link's #fragment: share it like a password.") { lan, port, tunnel, readOnly, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var started = await client.InvokeAsync<RemoteStartResult>(
                Methods.RemoteStart,
                new RemoteStartParams { Lan = result.GetValue(lan), Port = result.GetValue(port), Tunnel = result.GetValue(tunnel), ReadOnly = result.GetValue(readOnly) },
                cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(started, CliJsonContext.Default.RemoteStartResult));
                return ExitCodes.Ok;
            }

            CliConsole.Out.WriteLine(started.AlreadyRunning ? "Remote access is already on (stop it first to change its options)." : "Remote access is on.");
            CliConsole.Out.WriteLine();
            CliConsole.Out.Write(RemoteQr.Text(started.Url));
            CliConsole.Out.WriteLine();
            CliConsole.Out.WriteLine($"Full control: {started.Url}");
            if (started.ReadOnlyUrl is { } watch)
            {
                CliConsole.Out.WriteLine();
                CliConsole.Out.Write(RemoteQr.Text(watch));
                CliConsole.Out.WriteLine();
                CliConsole.Out.WriteLine($"Watch only:   {watch}");
            }

            if (started.LocalUrl is { } local)
            {
                CliConsole.Out.WriteLine();
                CliConsole.Out.WriteLine($"On this machine: {local}");
            }

            if (started.Warning is { } warning)
            {
                CliConsole.Out.WriteLine();
                CliConsole.Out.WriteLine("Warning: " + warning);
            }

            CliConsole.Out.WriteLine();
            CliConsole.Out.WriteLine("Anyone with a link can use it until 'maestro remote stop'. It is served by the daemon and stays on while it runs.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (the remote/status result)." };
        var command = new Command("status", "Whether remote access is on, where, and how many pages are connected (never the link: 'remote start' prints it again).") { json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.TryConnectAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var status = client is null
                ? new RemoteStatusResult { Running = false }
                : await client.InvokeAsync<RemoteStatusResult>(Methods.RemoteStatus, null, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(status, CliJsonContext.Default.RemoteStatusResult));
                return ExitCodes.Ok;
            }

            CliConsole.Out.WriteLine(status.Running
                ? string.Create(CultureInfo.InvariantCulture, $"Remote access is on at http://{status.Host}:{status.Port}/ since {status.StartedAt:yyyy-MM-dd HH:mm:ss}, {status.Connections} page(s) connected{(status.ReadOnlyIssued ? ", with a watch-only link" : string.Empty)}.")
                : "Remote access is off.");
            if (status.Tunnel is { } tunnelStatus)
            {
                CliConsole.Out.WriteLine(tunnelStatus.Error is { } error
                    ? "Tunnel: down. " + error
                    : tunnelStatus.Running
                        ? string.Create(CultureInfo.InvariantCulture, $"Tunnel: https://{tunnelStatus.Host}/ ({tunnelStatus.Restarts} of {tunnelStatus.MaxRestarts} restarts used).")
                        : string.Create(CultureInfo.InvariantCulture, $"Tunnel: cloudflared is restarting ({tunnelStatus.Restarts} of {tunnelStatus.MaxRestarts} restarts used)."));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Stop()
    {
        var json = new Option<bool>("--json") { Description = "Print {action: stopped} as JSON, or the error object." };
        var command = new Command("stop", "Stop remote access: every connected page is closed at once and the links stop working.") { json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.TryConnectAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            if (client is not null)
            {
                await client.InvokeAsync<object?>(Methods.RemoteStop, null, cancellationToken);
            }

            CliDone.Print(result.GetValue(json), new CliDone { Action = "stopped" }, "Remote access is off.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
