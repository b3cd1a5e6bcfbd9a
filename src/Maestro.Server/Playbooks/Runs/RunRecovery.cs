using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>At start-up, resumes the runs a killed server left running; at stop, stops the live ones (they resume next start).</summary>
internal sealed class RunRecovery : IHostedService
{
    private readonly RunService runs;
    private readonly ILogger<RunRecovery> logger;

    public RunRecovery(RunService runs, ILogger<RunRecovery> logger)
    {
        this.runs = runs;
        this.logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                var resumed = await runs.ResumeInterruptedAsync(RunOrigin.Daemon, CancellationToken.None);
                if (resumed > 0)
                {
                    logger.LogInformation("Resumed {Count} interrupted run(s)", resumed);
                }
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not resume interrupted runs");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await runs.DisposeAsync();
}
