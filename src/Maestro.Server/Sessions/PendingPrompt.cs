using Maestro.Protocol;

namespace Maestro.Server.Sessions;

/// <summary>A prompt waiting for its turn; its task completes when the turn ends.</summary>
internal sealed class PendingPrompt
{
    public PendingPrompt(string text, CancellationToken requestAborted)
    {
        Text = text;
        RequestAborted = requestAborted;
    }

    public string TurnId { get; } = "t_" + Guid.NewGuid().ToString("N")[..12];

    public string Text { get; }

    public CancellationToken RequestAborted { get; }

    public TaskCompletionSource<SessionPromptResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
