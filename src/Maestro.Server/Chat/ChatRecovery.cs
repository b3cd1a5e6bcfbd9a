using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Chat;

/// <summary>
/// At start-up, marks in their rooms the turns a previous server was running when it stopped. At stop, stops the rooms
/// before the sessions stop (hosted services stop in reverse order, and this one is added after SessionRecovery): a
/// turn the stop cuts then ends as cancelled, leaving the room 'working' for the next start to mark, instead of being
/// posted as a participant's failed turn when its agent is killed under it.
/// </summary>
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

    public async Task StopAsync(CancellationToken cancellationToken) => await chat.DisposeAsync();
}
