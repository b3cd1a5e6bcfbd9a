using Maestro.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog;

namespace Maestro.Server.Cli;

/// <summary>
/// The server's services for a command that works without a server (review, worktree, agents, doctor): the same
/// <c>AddMaestroServer()</c> registrations the daemon has, in a plain service provider without a host, so nothing
/// runs in the background and no command wires the services by hand.
/// </summary>
internal static class CliServices
{
    public static ServiceProvider Build(MaestroPaths paths)
    {
        // Silent: a command's output is its report, and MAESTRO_HOME is not created just to hold a log file.
        var logger = new LoggerConfiguration().CreateLogger();
        return new ServiceCollection()
            .AddLogging() // what a host adds before AddMaestroServer() hands the logging to Serilog
            .AddMaestroServer(MaestroOptions.FromEnvironment(paths), logger)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
