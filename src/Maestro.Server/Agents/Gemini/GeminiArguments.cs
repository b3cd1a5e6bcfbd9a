using Maestro.Protocol;
using Maestro.Server.Agents.Running;

namespace Maestro.Server.Agents.Gemini;

/// <summary>
/// <c>gemini --prompt=PROMPT --output-format stream-json --approval-mode MODE [-m MODEL] [--resume ID]</c>: the prompt is
/// glued to its option, so one starting with <c>-</c> is not read as an option of its own.
/// </summary>
public static class GeminiArguments
{
    public static IReadOnlyList<string> For(AgentTurn turn)
    {
        var prompt = turn.SystemPrompt is null ? turn.Prompt : turn.SystemPrompt + "\n\n" + turn.Prompt;
        var args = new List<string> { "--prompt=" + prompt, "--output-format", "stream-json" };
        args.AddRange(turn.PermissionMode switch
        {
            PermissionMode.Bypass => ["--yolo"],
            PermissionMode.AcceptEdits => ["--approval-mode", "auto_edit"],
            _ => ["--approval-mode", "default"],
        });
        if (turn.Model is not null)
        {
            args.AddRange(["-m", turn.Model]);
        }

        if (turn.AgentSessionId is not null)
        {
            args.AddRange(["--resume", turn.AgentSessionId]);
        }

        return args;
    }
}
