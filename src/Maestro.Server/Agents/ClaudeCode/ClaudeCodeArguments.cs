using Maestro.Protocol;
using Maestro.Server.Agents.Running;

namespace Maestro.Server.Agents.ClaudeCode;

/// <summary>The command line of one headless Claude Code turn.</summary>
public static class ClaudeCodeArguments
{
    public static IReadOnlyList<string> For(AgentTurn turn)
    {
        var args = new List<string> { "-p", turn.Prompt, "--output-format", "stream-json", "--verbose", "--include-partial-messages" };
        if (turn.AgentSessionId is not null)
        {
            args.AddRange(["--resume", turn.AgentSessionId]);
        }

        switch (turn.PermissionMode)
        {
            case PermissionMode.Bypass:
                args.Add("--dangerously-skip-permissions");
                break;
            case PermissionMode.AcceptEdits:
                args.AddRange(["--permission-mode", "acceptEdits"]);
                break;
            default:
                args.AddRange(["--permission-mode", "default"]);
                break;
        }

        if (turn.Model is not null)
        {
            args.AddRange(["--model", turn.Model]);
        }

        if (turn.SystemPrompt is not null)
        {
            args.AddRange(["--append-system-prompt", turn.SystemPrompt]);
        }

        return args;
    }
}
