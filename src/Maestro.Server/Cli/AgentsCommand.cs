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

            // The last column is the command when installed, else why not and how to install it.
            var table = new CliTable("ID", "NAME", "VERSION", "COMMAND OR WHY NOT") { Flexible = 3 };
            foreach (var agent in agents)
            {
                table.Add(agent.Id, agent.Name, agent.Available ? agent.Version ?? "?" : "-", agent.Available ? agent.Command : agent.Reason);
            }

            table.Write(CliConsole.Out);

            return ExitCodes.Ok;
        });
        return command;
    }
}
