namespace Maestro.Server.Playbooks.Runs;

/// <summary>Who started a run, and so who resumes it after a crash: the daemon its own, <c>maestro run</c> its own.</summary>
public enum RunOrigin
{
    Daemon,
    Cli,
}
