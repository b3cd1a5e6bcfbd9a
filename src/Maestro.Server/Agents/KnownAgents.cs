using Maestro.Protocol;

namespace Maestro.Server.Agents;

/// <summary>The agents Maestro knows out of the box: the native CLIs and the ACP presets.</summary>
public static class KnownAgents
{
    public static IReadOnlyList<AgentDefinition> All { get; } =
    [
        new() { Id = "claude-code", Name = "Claude Code", Kind = AgentKind.Native, Executable = "claude", InstallHint = "npm install -g @anthropic-ai/claude-code" },
        new() { Id = "codex", Name = "Codex", Kind = AgentKind.Native, Executable = "codex", InstallHint = "npm install -g @openai/codex" },
        new() { Id = "opencode", Name = "OpenCode", Kind = AgentKind.Native, Executable = "opencode", InstallHint = "npm install -g opencode-ai" },
        new() { Id = "gemini", Name = "Gemini CLI", Kind = AgentKind.Native, Executable = "gemini", InstallHint = "npm install -g @google/gemini-cli" },
        new() { Id = "acp:claude", Name = "Claude Code (ACP)", Kind = AgentKind.Acp, Executable = "claude-agent-acp", InstallHint = "npm install -g @zed-industries/claude-agent-acp" },
        new() { Id = "acp:codex", Name = "Codex (ACP)", Kind = AgentKind.Acp, Executable = "codex-acp", InstallHint = "npm install -g @zed-industries/codex-acp" },
        new() { Id = "acp:gemini", Name = "Gemini CLI (ACP)", Kind = AgentKind.Acp, Executable = "gemini", Arguments = ["--acp"], InstallHint = "npm install -g @google/gemini-cli" },
        new() { Id = "acp:opencode", Name = "OpenCode (ACP)", Kind = AgentKind.Acp, Executable = "opencode", Arguments = ["acp"], InstallHint = "npm install -g opencode-ai" },
    ];
}
