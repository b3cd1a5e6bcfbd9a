using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Maestro.Server.Hosting;

/// <summary>Builds the generic host the daemon and <c>serve --in-process</c> run in.</summary>
public static class ServerHost
{
    public static IHost Build(MaestroOptions options, Serilog.ILogger logger, Action<IServiceCollection>? configure = null)
    {
        // The empty builder skips appsettings and environment providers: nothing reads them, and start-up is faster.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "maestro" });
        builder.Services.AddMaestroServer(options, logger);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Stops the host gracefully on SIGTERM and SIGINT.</summary>
    public static IDisposable StopOnSignals(IHost host)
    {
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            lifetime.StopApplication();
        }

        return new Registrations(
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop));
    }

    private sealed class Registrations(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }
}
