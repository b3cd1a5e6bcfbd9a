using Maestro.Server.Agents.Running;

namespace Maestro.Server.Agents.OpenCode;

/// <summary>
/// <c>opencode run --format json [--session ID] [--model M] -- PROMPT</c>: after <c>--</c> a prompt starting with
/// <c>-</c> is not read as an option.
/// </summary>
public static class OpenCodeArguments
{
    public static IReadOnlyList<string> For(AgentTurn turn)
    {
        var args = new List<string> { "run", "--format", "json" };
        if (turn.AgentSessionId is not null)
        {
            args.AddRange(["--session", turn.AgentSessionId]);
        }

        if (turn.Model is not null)
        {
            args.AddRange(["--model", turn.Model]);
        }

        args.Add("--");
        args.Add(turn.SystemPrompt is null ? turn.Prompt : turn.SystemPrompt + "\n\n" + turn.Prompt);
        return args;
    }
}
