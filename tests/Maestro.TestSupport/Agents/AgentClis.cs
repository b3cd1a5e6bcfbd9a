namespace Maestro.TestSupport.Agents;

/// <summary>The agent CLIs pinned in tools/agents, installed by tools/agents/install.sh.</summary>
public static class AgentClis
{
    public static string Claude => Locate("claude");

    public static string Codex => Locate("codex");

    public static string OpenCode => Locate("opencode");

    public static string Gemini => Locate("gemini");

    public static string ClaudeAgentAcp => Locate("claude-agent-acp");

    /// <summary>The CLI's path; a missing CLI fails the test rather than skipping it, so CI cannot pass without them.</summary>
    public static string Locate(string name)
    {
        var path = Path.Combine(RepoRoot.Path, "tools", "agents", "node_modules", ".bin", name);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Agent CLI '{name}' is not installed at {path}. Run tools/agents/install.sh first.");
        }

        return path;
    }
}
