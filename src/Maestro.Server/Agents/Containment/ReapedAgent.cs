namespace Maestro.Server.Agents.Containment;

/// <summary>
/// What start-up found of an agent the last Maestro process left: its pid, whether the agent itself still ran, and
/// whether anything of its group did (a tool it started); whatever ran was killed.
/// </summary>
public sealed record ReapedAgent(int Pid, bool AgentRunning, bool GroupRunning)
{
    /// <summary>The recovery event's words for it.</summary>
    public string Describe() => (AgentRunning, GroupRunning) switch
    {
        (true, _) => $"the agent (pid {Pid}) was still running and was stopped",
        (false, true) => $"the agent (pid {Pid}) had exited, but processes it started were still running and were stopped",
        _ => $"the agent (pid {Pid}) had already exited",
    };
}
