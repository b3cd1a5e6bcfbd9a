using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Chat;

/// <summary>At start-up, marks in their rooms the turns a previous server was running when it stopped.</summary>
internal sealed class ChatRecovery : IHostedService
{
    private readonly ChatService chat;
    private readonly ILogger<ChatRecovery> logger;

    public ChatRecovery(ChatService chat, ILogger<ChatRecovery> logger)
    {
        this.chat = chat;
        this.logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await chat.RecoverInterruptedAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not recover interrupted chat rooms");
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
