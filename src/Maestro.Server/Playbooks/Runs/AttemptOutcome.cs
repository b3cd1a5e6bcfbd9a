namespace Maestro.Server.Playbooks.Runs;

/// <summary>
/// What one attempt at a task came to. <see cref="Progressed"/> is false when the agent changed no file and left the
/// box unchecked, so a task whose every attempt did that is reported as stalled.
/// </summary>
internal sealed record AttemptOutcome(TaskAttemptResult Result, string Message, bool Retryable, bool Progressed, string SessionId);
