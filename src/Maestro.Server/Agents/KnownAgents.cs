using Maestro.Protocol;
using Maestro.Server.Agents.ClaudeCode;
using Maestro.Server.Agents.Codex;
using Maestro.Server.Agents.Gemini;
using Maestro.Server.Agents.OpenCode;
using Maestro.Server.Sessions.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Agents;

/// <summary>The agents Maestro knows out of the box: the native CLIs and the ACP presets.</summary>
public static class KnownAgents
{
    public static IReadOnlyList<AgentDefinition> All { get; } =
    [
        new()
        {
            Id = AgentIds.ClaudeCode, Name = "Claude Code", Kind = AgentKind.Native, Executable = "claude", InstallHint = "npm install -g @anthropic-ai/claude-code",
            TurnArguments = ClaudeCodeArguments.For,
            ReportsRunningCostTotal = true,
            KnownModels = ClaudeCodeArguments.ModelAliases,
            ContextWindow = ClaudeCodeArguments.ContextWindow,
            FailureClassifier = ClaudeCodeFailureClassifier.Instance,
            StreamParser = turn => new ClaudeStreamParser(turn.WorkingDirectory),
            SessionSource = services => ActivatorUtilities.CreateInstance<ClaudeSessionSource>(services),
        },
        new()
        {
            Id = AgentIds.Codex, Name = "Codex", Kind = AgentKind.Native, Executable = "codex", InstallHint = "npm install -g @openai/codex",
            TurnArguments = CodexArguments.For,
            StreamParser = turn => new CodexStreamParser(turn.WorkingDirectory),
            FailureClassifier = CodexFailureClassifier.Instance,
            SessionSource = services => ActivatorUtilities.CreateInstance<CodexSessionSource>(services),
        },
        new()
        {
            Id = AgentIds.OpenCode, Name = "OpenCode", Kind = AgentKind.Native, Executable = "opencode", InstallHint = "npm install -g opencode-ai",
            TurnArguments = OpenCodeArguments.For,
            TurnStandardInput = OpenCodeArguments.StandardInput,
            StreamParser = turn => new OpenCodeStreamParser(turn.WorkingDirectory),
            FailureClassifier = OpenCodeFailureClassifier.Instance,
            SessionSource = services => ActivatorUtilities.CreateInstance<OpenCodeSessionSource>(services),
        },
        new()
        {
            Id = AgentIds.Gemini, Name = "Gemini CLI", Kind = AgentKind.Native, Executable = "gemini", InstallHint = "npm install -g @google/gemini-cli",
            TurnArguments = GeminiArguments.For,
            StreamParser = turn => new GeminiStreamParser(turn.WorkingDirectory),
        },
        new() { Id = AgentIds.AcpClaude, Name = "Claude Code (ACP)", Kind = AgentKind.Acp, Executable = "claude-agent-acp", InstallHint = "npm install -g @zed-industries/claude-agent-acp" },
        new() { Id = AgentIds.AcpCodex, Name = "Codex (ACP)", Kind = AgentKind.Acp, Executable = "codex-acp", InstallHint = "npm install -g @zed-industries/codex-acp" },
        new() { Id = AgentIds.AcpGemini, Name = "Gemini CLI (ACP)", Kind = AgentKind.Acp, Executable = "gemini", Arguments = ["--acp"], InstallHint = "npm install -g @google/gemini-cli" },
        new() { Id = AgentIds.AcpOpenCode, Name = "OpenCode (ACP)", Kind = AgentKind.Acp, Executable = "opencode", Arguments = ["acp"], InstallHint = "npm install -g opencode-ai" },
    ];
}
