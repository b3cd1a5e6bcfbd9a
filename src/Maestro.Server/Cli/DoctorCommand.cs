using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Agents;
using Maestro.Server.Daemon;
using Maestro.Server.Hosting;
using Maestro.Server.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Cli;

/// <summary><c>maestro doctor</c>: what this machine has for Maestro, and what is missing.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("doctor", "Check dotnet, git, each agent CLI, MAESTRO_HOME and the daemon.") { json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var report = await BuildAsync(MaestroPaths.FromEnvironment(), cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.DoctorReport));
            }
            else
            {
                Print(report);
            }

            return report.Healthy ? ExitCodes.Ok : ExitCodes.PrerequisiteMissing;
        });
        return command;
    }

    public static async Task<DoctorReport> BuildAsync(MaestroPaths paths, CancellationToken cancellationToken)
    {
        await using var services = CliServices.Build(paths);
        var runner = services.GetRequiredService<ProcessRunner>();
        var catalog = services.GetRequiredService<AgentCatalog>();
        var toolsTask = Task.WhenAll(
            CheckToolAsync(runner, "dotnet", ["--version"], required: false, "https://dot.net (the SDK builds Maestro; the runtime alone runs it)", cancellationToken),
            CheckToolAsync(runner, "git", ["--version"], required: true, "apt-get install git", cancellationToken),
            CheckToolAsync(runner, "node", ["--version"], required: false, "apt-get install nodejs (the agent CLIs run on Node)", cancellationToken));
        var agentsTask = catalog.ListAsync(cancellationToken);
        DaemonStatusResult? daemon = null;
        IReadOnlyList<AgentInfo>? daemonAgents = null;
        await using (var client = await DaemonClient.TryConnectAsync(paths, cancellationToken))
        {
            if (client is not null)
            {
                // Sessions run in the daemon's environment, not this shell's: ask it what it sees.
                daemon = await client.InvokeAsync<DaemonStatusResult>(Methods.DaemonStatus, null, cancellationToken);
                daemonAgents = (await client.InvokeAsync<AgentsListResult>(Methods.AgentsList, null, cancellationToken)).Agents;
            }
        }

        var agents = await agentsTask;
        var tools = (await toolsTask).ToList();
        // Remote access runs on ASP.NET Core: where this maestro finds it, and whether the dotnet on PATH has it for a
        // framework-dependent install.
        tools.Insert(1, AspNetCoreCheck.ThisProcess());
        var warnings = DoctorWarnings.Find(agents, daemon, daemonAgents, DaemonEnvironment.CredentialsSet(Environment.GetEnvironmentVariable)).ToList();
        if (tools.Find(t => t.Name == "dotnet") is { Found: true, Path: { } dotnet })
        {
            var runtimes = await runner.RunAsync(dotnet, ["--list-runtimes"], TimeSpan.FromSeconds(10), cancellationToken: cancellationToken);
            if (runtimes.ExitCode == 0 && AspNetCoreCheck.WarningFor(dotnet, runtimes.StandardOutput) is { } missing)
            {
                warnings.Add(missing);
            }
        }

        return new DoctorReport
        {
            Version = BuildInfo.Version,
            Runtime = RuntimeInformation.FrameworkDescription,
            Home = paths.Home,
            HomeExists = Directory.Exists(paths.Home),
            SelfContained = AspNetCoreCheck.SelfContained,
            Tools = tools,
            Agents = agents,
            DaemonRunning = daemon is not null,
            Daemon = daemon,
            DaemonEndpoint = DaemonEndpoint.Describe(paths),
            DaemonAgents = daemonAgents,
            Warnings = warnings,
        };
    }

    private static async Task<ToolCheck> CheckToolAsync(ProcessRunner runner, string name, string[] versionArgs, bool required, string hint, CancellationToken cancellationToken)
    {
        var path = ExecutableLocator.Find(name);
        if (path is null)
        {
            return new ToolCheck { Name = name, Found = false, Required = required, Hint = hint };
        }

        var result = await runner.RunAsync(path, versionArgs, TimeSpan.FromSeconds(10), cancellationToken: cancellationToken);
        return new ToolCheck { Name = name, Found = true, Path = path, Version = VersionText.Extract(result.StandardOutput), Required = required };
    }

    private static void Print(DoctorReport report)
    {
        var o = CliConsole.Out;
        o.WriteLine($"Maestro {report.Version} on {report.Runtime} ({(report.SelfContained ? "self-contained: it carries .NET and ASP.NET Core" : "framework-dependent: it runs on this machine's .NET and ASP.NET Core runtimes")})");
        o.WriteLine($"  MAESTRO_HOME  {report.Home}{(report.HomeExists ? string.Empty : " (not created yet)")}");
        foreach (var tool in report.Tools)
        {
            var state = tool.Found ? $"{tool.Version ?? "?"}  {tool.Path}" : $"MISSING{(tool.Required ? " (required)" : string.Empty)}: {tool.Hint}";
            o.WriteLine($"  {tool.Name,-13} {state}");
        }

        o.WriteLine("  Agents:");
        foreach (var agent in report.Agents)
        {
            var state = agent.Available ? $"{agent.Version ?? "version unknown"}  {agent.Command}" : $"not available: {agent.Reason}";
            o.WriteLine($"    {agent.Id,-13} {state}");
        }

        o.WriteLine(report.Daemon is { } d
            ? $"  Daemon        running, pid {d.Pid}, {CliWords.Count(d.Connections, "connection")}, since {d.StartedAt:u}, at {d.Endpoint}"
            : $"  Daemon        not running (starts on the first 'maestro serve --stdio'; endpoint {report.DaemonEndpoint})");
        if (report.Daemon is { } seen)
        {
            var credentials = seen.CredentialVariables ?? [];
            o.WriteLine($"  The daemon sees: PATH with {seen.PathFolders?.Count ?? 0} folders; credential variables set: {(credentials.Count == 0 ? "none" : string.Join(", ", credentials))}");
            var found = report.DaemonAgents?.Where(a => a.Available).Select(a => a.Id).ToList() ?? [];
            o.WriteLine($"                   agents found: {(found.Count == 0 ? "none" : string.Join(", ", found))}");
        }

        foreach (var warning in report.Warnings)
        {
            o.WriteLine($"Warning: {warning}");
        }

        o.WriteLine(!report.Healthy ? "A required tool is missing: see above."
            : report.Warnings.Count > 0 ? $"Maestro can start, but see the {(report.Warnings.Count == 1 ? "warning" : $"{report.Warnings.Count} warnings")} above."
            : "Everything Maestro needs is here.");
    }
}
