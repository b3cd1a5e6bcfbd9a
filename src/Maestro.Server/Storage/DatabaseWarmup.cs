using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Storage;

/// <summary>Opens and migrates the database in the background at start-up so the first request need not.</summary>
internal sealed class DatabaseWarmup : IHostedService
{
    private readonly MaestroDatabase database;
    private readonly ILogger<DatabaseWarmup> logger;

    public DatabaseWarmup(MaestroDatabase database, ILogger<DatabaseWarmup> logger)
    {
        this.database = database;
        this.logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await database.InitializeAsync();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The database {Path} could not be opened", database.Path);
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
