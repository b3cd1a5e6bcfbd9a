namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// Claude Code: a failed turn ends with a <c>result</c> whose text is "API Error: 529 …" (or the authentication and
/// prompt-too-long texts), and a spent subscription shows as its limit banner, which may arrive as the whole of an
/// otherwise successful assistant message.
/// </summary>
public sealed class ClaudeCodeFailureClassifier : TextFailureClassifier
{
    public static new ClaudeCodeFailureClassifier Instance { get; } = new();

    public override TurnFailure? Classify(FailedTurn turn)
    {
        if (ClaudeLimitBanner.Is(turn.LastAssistantMessage))
        {
            var banner = turn.LastAssistantMessage!.Trim();
            return new TurnFailure(FailureClass.Quota, banner, ResetMoment.Find(banner, turn.Now));
        }

        return base.Classify(turn);
    }

    /// <summary>
    /// Only the result text: Claude Code's stderr repeats its banner of options and warnings that mention "rate limit"
    /// settings on every run, which would make every crash look like an outage.
    /// </summary>
    protected override string Describe(FailedTurn turn) => turn.Outcome.Error ?? string.Empty;
}
