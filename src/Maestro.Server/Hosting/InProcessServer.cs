using Maestro.Server.Cli;
using Maestro.Server.Rpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nerdbank.Streams;

namespace Maestro.Server.Hosting;

/// <summary><c>maestro serve --stdio --in-process</c>: the whole server inside the stdio process, for one client.</summary>
public static class InProcessServer
{
    public static async Task<int> RunAsync(MaestroOptions options)
    {
        using var stdin = Console.OpenStandardInput();
#pragma warning disable RS0030 // 'serve --stdio --in-process' serves JSON-RPC on its own stdout
        using var stdout = Console.OpenStandardOutput();
#pragma warning restore RS0030
        Console.SetOut(Console.Error); // stdout carries JSON-RPC and nothing else

        // Start-up work that does not depend on each other runs side by side: the logger, and the
        // first use of the JSON-RPC stack (type loading and JIT dominate a cold start).
        var warmup = Task.Run(RpcServer.Warmup);
        var logger = await Task.Run(() => Logging.CreateLogger(options.Paths, "serve", toStderr: true));
        StartupTrace.Mark("logger");
        using var host = ServerHost.Build(options, logger, services => services.AddMaestroRecovery());
        StartupTrace.Mark("host built");
        using var signals = ServerHost.StopOnSignals(host);
        await host.StartAsync();
        await warmup;
        StartupTrace.Mark("host started");
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var server = host.Services.GetRequiredService<RpcServer>();
        var connection = await server.ServeAsync(FullDuplexStream.Splice(stdin, stdout), "stdio", lifetime.ApplicationStopping);
        await host.StopAsync();

        // As in LSP: 'exit' without a prior 'shutdown' is an error exit.
        return connection.State == ConnectionState.Exited && !connection.ShutdownRequested ? ExitCodes.Error : ExitCodes.Ok;
    }
}
