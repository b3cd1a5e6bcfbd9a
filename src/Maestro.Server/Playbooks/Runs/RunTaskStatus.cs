namespace Maestro.Server.Playbooks.Runs;

/// <summary>The state of one attempt at a task, as stored in <c>run_tasks</c>.</summary>
public enum RunTaskStatus
{
    Running,

    /// <summary>The box was checked when the turn ended.</summary>
    Done,

    /// <summary>The box was not checked; a retry follows.</summary>
    NotDone,

    /// <summary>The box was not checked and no retries were left.</summary>
    Failed,

    /// <summary>The process running the run died during the attempt; the run retries the task when it resumes.</summary>
    Interrupted,

    /// <summary>The run was stopped (or ran out of time) during the attempt.</summary>
    Stopped,
}
