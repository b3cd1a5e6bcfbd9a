namespace Maestro.Server.Agents.Containment;

/// <summary>What start-up found of an agent the last daemon left: its pid, and whether any of its group was still running (and was killed).</summary>
public sealed record ReapedAgent(int Pid, bool WasRunning);
