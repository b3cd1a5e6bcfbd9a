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
}
