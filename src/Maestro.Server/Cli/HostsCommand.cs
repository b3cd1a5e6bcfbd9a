using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Hosting;

namespace Maestro.Server.Cli;

/// <summary><c>maestro hosts add|list|remove|test|install</c>: machines reached over SSH, through the daemon.</summary>
internal static class HostsCommand
{
    public static Command Create()
    {
        var command = new Command("hosts", "Machines where agents run over SSH: add one, test the connection, install the server there.");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Test());
        command.Subcommands.Add(Install());
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "A short name for the host (letters, digits, '.', '_', '-')." };
        var destination = new Argument<string>("destination") { Description = "A Host of your ssh config, or user@host[:port]." };
        var options = new Option<string[]>("--option", "-o") { Description = "An ssh -o option, Key=Value (repeatable), e.g. -o ProxyJump=bastion.", AllowMultipleArgumentsPerToken = false };
        var env = new Option<string[]>("--env", "-e") { Description = "NAME=VALUE for the host's agents (repeatable)." };
        var folder = new Option<string?>("--folder") { Description = "The default folder for sessions on the host." };
        var json = new Option<bool>("--json") { Description = "Print JSON (the hosts/add result)." };
        var command = new Command("add", "Add a host. Options that run programs on this machine (ProxyCommand, …) are accepted and shown; host key checking is never turned off.") { name, destination, options, env, folder, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in result.GetValue(env) ?? [])
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new Errors.InvalidParamsException($"'--env {pair}' is not NAME=VALUE.");
                }

                variables[pair[..equals]] = pair[(equals + 1)..];
            }

            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var added = await client.InvokeAsync<HostInfo>(
                Methods.HostsAdd,
                new HostAddParams
                {
                    Name = result.GetValue(name)!,
                    Destination = result.GetValue(destination)!,
                    Options = result.GetValue(options) ?? [],
                    Env = variables,
                    Folder = result.GetValue(folder),
                },
                cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(added, CliJsonContext.Default.HostInfo));
                return ExitCodes.Ok;
            }

            CliConsole.Out.WriteLine($"Added host '{added.Name}' ({added.Destination}).");
            foreach (var warning in added.Warnings)
            {
                CliConsole.Out.WriteLine("Warning: " + warning);
            }

            CliConsole.Out.WriteLine($"Next: 'maestro hosts test {added.Name}'.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (the hosts/list result)." };
        var command = new Command("list", "List the hosts.") { json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var list = await client.InvokeAsync<HostListResult>(Methods.HostsList, null, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(list, CliJsonContext.Default.HostListResult));
                return ExitCodes.Ok;
            }

            if (list.Hosts.Count == 0)
            {
                CliNotes.Write("No hosts. 'maestro hosts add NAME DESTINATION' adds one.");
                return ExitCodes.Ok;
            }

            var table = new CliTable("NAME", "DESTINATION", "STATE", "FOLDER", "OPTIONS") { Flexible = 4 };
            foreach (var host in list.Hosts)
            {
                table.Add(host.Name, host.Destination, CliWords.Of(host.State), host.Folder ?? "-", host.Options.Count == 0 ? "-" : string.Join(' ', host.Options.Select(o => "-o " + o)));
            }

            table.Write(CliConsole.Out);

            // Why a host the daemon uses is not connected, said on stderr (stdout is the table).
            foreach (var host in list.Hosts.Where(h => h.LastError is not null))
            {
                Console.Error.WriteLine($"{host.Name}: {WireTerms.ForTerminal(host.LastError!)}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name") { Description = "The host's name." };
        var json = new Option<bool>("--json") { Description = "Print {action: removed, target} as JSON, or the error object." };
        var command = new Command("remove", "Remove a host (nothing on the host is touched).") { name, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            await client.InvokeAsync<object?>(Methods.HostsRemove, new HostNameParams { Name = result.GetValue(name)! }, cancellationToken);
            CliDone.Print(result.GetValue(json), new CliDone { Action = "removed", Target = result.GetValue(name) }, $"Removed host '{result.GetValue(name)}'.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Test()
    {
        var name = new Argument<string>("name") { Description = "The host's name." };
        var json = new Option<bool>("--json") { Description = "Print JSON (the hosts/test result)." };
        var command = new Command("test", "Connect to the host and show its platform, its maestro and the agent CLIs on its PATH.") { name, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var test = await client.InvokeAsync<HostTestResult>(Methods.HostsTest, new HostNameParams { Name = result.GetValue(name)! }, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(test, CliJsonContext.Default.HostTestResult));
                return ExitCodes.Ok;
            }

            var output = CliConsole.Out;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Connected to '{test.Name}' in {test.ElapsedMs} ms."));
            output.WriteLine($"Platform: {test.Platform}{(test.Rid is { } rid ? $" ({rid})" : " (no Maestro build for it)")}");
            output.WriteLine(test.Maestro is { } m
                ? $"Maestro:  {m.Version ?? "?"} at {m.Path}{(m.SameVersion ? string.Empty : " (not this version)")}"
                : "Maestro:  not found");
            output.WriteLine(test.Agents.Count == 0
                ? "Agents:   none on the PATH"
                : "Agents:   " + string.Join(", ", test.Agents.Select(a => a.Id)));
            if (test.Hint is { } hint)
            {
                output.WriteLine();
                output.WriteLine(WireTerms.ForTerminal(hint));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Install()
    {
        var name = new Argument<string>("name") { Description = "The host's name." };
        var json = new Option<bool>("--json") { Description = "Print JSON (the hosts/install result)." };
        var command = new Command("install", "Copy this version of the server to ~/.maestro/bin/<version>/ on the host over SSH (skipped when it is there).") { name, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var client = await DaemonClient.ConnectOrStartAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            var installed = await client.InvokeAsync<HostInstallResult>(Methods.HostsInstall, new HostNameParams { Name = result.GetValue(name)! }, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(installed, CliJsonContext.Default.HostInstallResult));
                return ExitCodes.Ok;
            }

            CliConsole.Out.WriteLine(installed.Copied
                ? string.Create(CultureInfo.InvariantCulture, $"Installed maestro {installed.RemoteVersion} ({installed.Rid}, {installed.Bytes / (1024.0 * 1024.0):0.0} MB) on '{installed.Name}' at {installed.Path}.")
                : $"maestro {installed.Version} is already installed on '{installed.Name}' at {installed.Path}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
