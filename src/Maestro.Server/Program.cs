using Maestro.Server.Cli;
using Maestro.Server.Daemon;
using Maestro.Server.Hosting;

namespace Maestro.Server;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        StartupTrace.Mark("main");

        // The editor's hot path: attaching to the daemon skips the command-line parser and the host.
        if (args is ["serve", "--stdio"])
        {
            return await StdioRelay.RunAsync(MaestroPaths.FromEnvironment(), CancellationToken.None);
        }

        if (args is ["serve", "--stdio", "--in-process"] or ["serve", "--in-process", "--stdio"])
        {
            return await InProcessServer.RunAsync(MaestroOptions.FromEnvironment(MaestroPaths.FromEnvironment()));
        }

        return await CliApp.RunAsync(args);
    }
}
