namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// Codex: <c>turn.failed</c> carries its own words for the failure ("We're currently experiencing high demand" for a
/// 5xx, "exceeded retry limit, last status: 429", "stream disconnected before completion", "unexpected status 401",
/// "You've hit your usage limit … try again in 2 hours"). Its stderr is only "Reading additional input from stdin".
/// </summary>
public sealed class CodexFailureClassifier : TextFailureClassifier
{
    public static new CodexFailureClassifier Instance { get; } = new();

    protected override string Describe(FailedTurn turn) => turn.Outcome.Error ?? string.Empty;
}
