namespace Maestro.Server.Playbooks.Runs;

/// <summary>What came of giving one task to agents, after all its attempts.</summary>
internal enum TaskAttemptResult
{
    Done,
    Failed,
    Stopped,
    OutOfTime,
}
