namespace Maestro.Server.Playbooks.Runs;

/// <summary>What came of giving one task to agents, after all its attempts.</summary>
internal enum TaskAttemptResult
{
    Done,
    Failed,
    Stopped,
    OutOfTime,

    /// <summary>An agent wrote a halt marker into the document: the run ends at once.</summary>
    Halted,

    /// <summary>The agent is not signed in (or its key was refused): no retry, the run ends AgentUnavailable.</summary>
    SignedOut,
}
