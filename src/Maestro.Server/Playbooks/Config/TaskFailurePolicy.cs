namespace Maestro.Server.Playbooks.Config;

/// <summary>What a run does when a task is still unchecked after its retries.</summary>
public enum TaskFailurePolicy
{
    /// <summary>End the run, failed (the default: later tasks often build on earlier ones).</summary>
    Stop,

    /// <summary>Leave the task unchecked and go on with the next; the run still ends failed.</summary>
    Continue,
}
