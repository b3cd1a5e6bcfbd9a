using Maestro.Server.Agents.ClaudeCode;
using Maestro.Server.Agents.Codex;
using Maestro.Server.Agents.Gemini;
using Maestro.Server.Agents.OpenCode;
using Maestro.Server.Agents.Errors;
using Maestro.Server.Agents.Settings;

namespace Maestro.Server.Agents.Running;

/// <summary>Creates the adapter that runs a given agent, with its executable and environment resolved.</summary>
public sealed class AgentAdapterFactory
{
    private readonly AgentCatalog catalog;
    private readonly SettingsStore settings;
    private readonly AgentProcessRunner runner;

    public AgentAdapterFactory(AgentCatalog catalog, SettingsStore settings, AgentProcessRunner runner)
    {
        this.catalog = catalog;
        this.settings = settings;
        this.runner = runner;
    }

    public IAgentAdapter Create(string agentId)
    {
        var definition = catalog.Find(agentId)
            ?? throw new AgentUnavailableException($"There is no agent '{agentId}'. 'agents/list' shows the known agents; ACP agents are added in $MAESTRO_HOME/settings.json.");
        var executable = catalog.Locate(definition)
            ?? throw new AgentUnavailableException($"{definition.Name} is not installed: '{definition.Executable}' is not on PATH. Install it with: {definition.InstallHint}, or set agents.\"{agentId}\".path in $MAESTRO_HOME/settings.json.");
        var environment = settings.For(agentId)?.Env ?? new Dictionary<string, string?>();
        return agentId switch
        {
            "claude-code" => new ClaudeCodeAdapter(executable, environment, runner),
            "codex" => new CodexAdapter(executable, environment, runner),
            "opencode" => new OpenCodeAdapter(executable, environment, runner),
            "gemini" => new GeminiAdapter(executable, environment, runner),
            _ => throw new AgentUnavailableException($"Maestro cannot run {definition.Name} sessions yet: its adapter has not landed in this build. Claude Code, Codex, OpenCode and Gemini CLI are available."),
        };
    }
}
