using System.CommandLine;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Agents;
using Maestro.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Cli;

/// <summary><c>maestro agents [--json]</c>: the agents Maestro can run here, with versions or why not.</summary>
internal static class AgentsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (the agents/list result)." };
        var command = new Command("agents", "List the agent CLIs Maestro knows, whether each is installed, and its version.") { json };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var services = CliServices.Build(MaestroPaths.FromEnvironment());
            var agents = await services.GetRequiredService<AgentCatalog>().ListAsync(cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(new AgentsListResult { Agents = agents }, CliJsonContext.Default.AgentsListResult));
                return ExitCodes.Ok;
            }

            foreach (var agent in agents)
            {
                CliConsole.Out.WriteLine(agent.Available
                    ? $"{agent.Id,-14} {agent.Name,-20} {agent.Version ?? "?",-12} {agent.Command}"
                    : $"{agent.Id,-14} {agent.Name,-20} {"-",-12} {agent.Reason}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
