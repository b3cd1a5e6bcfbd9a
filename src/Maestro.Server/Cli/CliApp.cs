using System.CommandLine;

namespace Maestro.Server.Cli;

/// <summary>The <c>maestro</c> command line.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Maestro: run many AI coding agents side by side, each on its own branch, from your editor or the command line.")
        {
            ServeCommand.Create(),
            DaemonCommand.Create(),
            DoctorCommand.Create(),
            AgentsCommand.Create(),
            SessionsCommand.Create(),
            WorktreeCommand.Create(),
            ReviewCommand.Create(),
            RunCommand.Create(),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync("Run 'maestro --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync();
        }
        catch (Exception ex) when (ex is Errors.MaestroException or Storage.SchemaTooNewException or IOException or UnauthorizedAccessException or StreamJsonRpc.RemoteRpcException)
        {
            await Console.Error.WriteLineAsync($"maestro: {ex.Message}");
            return ExitCodes.Error;
        }
    }
}
