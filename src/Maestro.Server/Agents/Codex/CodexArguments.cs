using Maestro.Protocol;
using Maestro.Server.Agents.Running;

namespace Maestro.Server.Agents.Codex;

/// <summary>
/// <c>codex exec --json -s MODE PROMPT</c>, or <c>codex exec resume THREAD --json -c sandbox_mode=MODE PROMPT</c>:
/// <c>exec resume</c> has no <c>-s</c> and would fall back to a read-only sandbox. The prompt follows <c>--</c>: one
/// starting with <c>-</c> would otherwise be read as an option.
/// </summary>
public static class CodexArguments
{
    public static IReadOnlyList<string> For(AgentTurn turn)
    {
        var sandbox = turn.PermissionMode switch
        {
            PermissionMode.Bypass => "danger-full-access",
            PermissionMode.AcceptEdits => "workspace-write",
            _ => "read-only",
        };
        var args = turn.AgentSessionId is null
            ? new List<string> { "exec", "--json", "--skip-git-repo-check", "-s", sandbox }
            : new List<string> { "exec", "resume", turn.AgentSessionId, "--json", "--skip-git-repo-check", "-c", $"sandbox_mode=\"{sandbox}\"" };
        if (turn.Model is not null)
        {
            args.AddRange(["-m", turn.Model]);
        }

        args.Add("--");
        args.Add(turn.SystemPrompt is null ? turn.Prompt : turn.SystemPrompt + "\n\n" + turn.Prompt);
        return args;
    }
}
