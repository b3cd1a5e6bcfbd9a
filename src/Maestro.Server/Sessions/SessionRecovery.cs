using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Sessions;

/// <summary>At start-up, marks turns the last daemon left running as interrupted; at stop, stops every live session.</summary>
internal sealed class SessionRecovery : IHostedService
{
    private readonly SessionService sessions;
    private readonly SessionsRecovered recovered;
    private readonly ILogger<SessionRecovery> logger;

    public SessionRecovery(SessionService sessions, SessionsRecovered recovered, ILogger<SessionRecovery> logger)
    {
        this.sessions = sessions;
        this.recovered = recovered;
        this.logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await sessions.RecoverInterruptedAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not recover interrupted sessions");
            }
            finally
            {
                recovered.Set(); // failed or not, nothing more will change: waiting runs go on
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await sessions.DisposeAsync();
}
