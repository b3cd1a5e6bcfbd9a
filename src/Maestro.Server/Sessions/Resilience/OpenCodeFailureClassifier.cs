namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// OpenCode: an <c>error</c> event with the provider's message and status code, which its parser reports as
/// "OpenCode: … (HTTP 429)". OpenCode retries what it deems retryable by itself, without end, so what reaches Maestro
/// is mostly what it gave up on (a 401); Maestro's idle timeout ending its silent retrying is not resent.
/// </summary>
public sealed class OpenCodeFailureClassifier : TextFailureClassifier
{
    public static new OpenCodeFailureClassifier Instance { get; } = new();

    protected override string Describe(FailedTurn turn) => turn.Outcome.Error ?? string.Empty;
}
