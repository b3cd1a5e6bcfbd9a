using Maestro.Protocol;

namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// Classifies a failed turn from the error text its adapter reported, by <see cref="FailurePatterns"/>. The agents with
/// no shapes of their own (Gemini CLI, ACP agents) use it as is; the others add what only they print.
/// </summary>
public class TextFailureClassifier : ITurnFailureClassifier
{
    public static TextFailureClassifier Instance { get; } = new();

    public virtual TurnFailure? Classify(FailedTurn turn)
    {
        if (turn.Outcome.StopReason != StopReason.Error)
        {
            return null;
        }

        var text = Describe(turn);
        var kind = FailurePatterns.Of(text) ?? FailureClass.NeverRetry;
        var reason = turn.Outcome.Error ?? "The turn failed.";
        return kind == FailureClass.NeverRetry ? new TurnFailure(kind, reason) : new TurnFailure(kind, reason, ResetMoment.Find(text, turn.Now));
    }

    /// <summary>The text the patterns are matched against; an agent's classifier may narrow or widen it.</summary>
    protected virtual string Describe(FailedTurn turn) => turn.Text;
}
