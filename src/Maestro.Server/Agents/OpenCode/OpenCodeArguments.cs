using Maestro.Server.Agents.Running;

namespace Maestro.Server.Agents.OpenCode;

/// <summary>
/// <c>opencode run --format json [--session ID] [--model M]</c> with the prompt on stdin: as an argument, a prompt
/// starting with <c>-</c> is read as an option, and one with a space reaches the model wrapped in quotes (OpenCode
/// rebuilds a shell line from its arguments); stdin is taken as is.
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

        return args;
    }

    /// <summary>What the turn writes to OpenCode's stdin: the prompt.</summary>
    public static string StandardInput(AgentTurn turn) => turn.SystemPrompt is null ? turn.Prompt : turn.SystemPrompt + "\n\n" + turn.Prompt;
}
