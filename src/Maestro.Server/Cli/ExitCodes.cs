namespace Maestro.Server.Cli;

/// <summary>Process exit codes of every <c>maestro</c> command; docs/cli.md lists them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>An unexpected failure; the message says what.</summary>
    public const int Error = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;

    /// <summary><c>daemon --status</c> or <c>--stop</c> found no daemon running.</summary>
    public const int DaemonNotRunning = 3;

    /// <summary>The daemon could not be started or reached.</summary>
    public const int DaemonUnavailable = 4;

    /// <summary><c>doctor</c> found a required tool missing (git).</summary>
    public const int PrerequisiteMissing = 5;

    /// <summary><c>worktree</c> or <c>review</c> was pointed at a folder in no git repository.</summary>
    public const int NotARepository = 6;

    /// <summary><c>worktree remove</c> refused a worktree with uncommitted work (the paths are listed); <c>--force</c> removes it.</summary>
    public const int WorktreeDirty = 7;

    /// <summary><c>sessions prompt</c>, <c>sessions new --prompt</c>: the turn ended, but the session's permission mode
    /// refused tool calls (named on stderr, with how to allow them), so it did not do everything asked.</summary>
    public const int ToolCallsRefused = 8;

    /// <summary><c>review accept|reject</c>: nothing pending matched the hunk ids or paths given.</summary>
    public const int NothingMatched = 9;

    /// <summary><c>run</c>: a task was still unchecked after its retries.</summary>
    public const int TaskFailed = 10;

    /// <summary><c>run</c>: the budget (tasks, cost or minutes) ran out before every task was done.</summary>
    public const int BudgetExceeded = 11;

    /// <summary><c>run</c>: the playbook is missing or malformed (no tasks, bad front matter or playbook.yaml).</summary>
    public const int PlaybookInvalid = 12;

    /// <summary><c>run</c>: the agent is unknown, not installed, or has no adapter in this build.</summary>
    public const int AgentUnavailable = 13;

    /// <summary><c>run</c>: the run was stopped (Ctrl-C, SIGTERM) before every task was done.</summary>
    public const int Stopped = 14;

    /// <summary><c>run</c>: an agent wrote a halt marker into a document (the rest cannot go on); the reason is the marker's.</summary>
    public const int Halted = 15;

    /// <summary><c>worktree remove --delete-branch</c>, <c>sessions close --remove-worktree --delete-branch</c>: the worktree was
    /// removed, but its branch has commits not merged and was kept (the message gives the <c>git branch -D</c> that deletes it).</summary>
    public const int BranchNotMerged = 16;
}
