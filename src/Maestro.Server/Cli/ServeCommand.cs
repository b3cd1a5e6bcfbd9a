using System.CommandLine;
using Maestro.Server.Daemon;
using Maestro.Server.Hosting;

namespace Maestro.Server.Cli;

/// <summary><c>maestro serve --stdio [--in-process]</c>: what an editor starts, like a language server.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var stdio = new Option<bool>("--stdio") { Description = "Speak LSP-framed JSON-RPC on stdin/stdout (the only transport of 'serve')." };
        var inProcess = new Option<bool>("--in-process") { Description = "Serve inside this process instead of attaching to the per-user daemon." };
        var command = new Command("serve", "Serve the Maestro protocol to one editor over stdio, through the per-user daemon.") { stdio, inProcess };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!result.GetValue(stdio))
            {
                await Console.Error.WriteLineAsync("maestro serve: --stdio is required (it is the only transport).");
                return ExitCodes.Usage;
            }

            var paths = MaestroPaths.FromEnvironment();
            return result.GetValue(inProcess)
                ? await InProcessServer.RunAsync(MaestroOptions.FromEnvironment(paths))
                : await StdioRelay.RunAsync(paths, cancellationToken);
        });
        return command;
    }
}
