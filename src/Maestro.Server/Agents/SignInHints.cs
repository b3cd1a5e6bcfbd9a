using System.Text.RegularExpressions;
using Maestro.Protocol;

namespace Maestro.Server.Agents;

/// <summary>
/// What to do when an agent says it is not signed in or its key was refused: a new user's most common first failure.
/// The agent's own words stay first; the hint names the command that signs in, and the daemon's environment, which is
/// what trips people who export a key after the daemon started.
/// </summary>
public static partial class SignInHints
{
    /// <summary>The agent's error with the fix appended when it reads as missing or refused credentials; else as it was.</summary>
    public static string Append(string agentId, string error, string? detail = null)
    {
        if (!Credentials().IsMatch(error) && (detail is null || !Credentials().IsMatch(detail)))
        {
            return error;
        }

        var how = HowToSignIn(agentId.StartsWith(AgentIds.AcpPrefix, StringComparison.Ordinal) ? agentId[AgentIds.AcpPrefix.Length..] : agentId);
        return $"{error.TrimEnd()} — the agent is not signed in, or its key was refused: {how} Maestro's daemon keeps the " +
            "environment it started with: after setting a key in a shell, run `maestro daemon restart` there.";
    }

    /// <summary>True when the agent's error reads as missing or refused credentials, which no retry can fix.</summary>
    public static bool ReadsAsSignedOut(string error) => Credentials().IsMatch(error);

    private static string HowToSignIn(string agentId) => agentId switch
    {
        AgentIds.ClaudeCode or "claude" => "run `claude` once in a terminal and sign in with /login, or set ANTHROPIC_API_KEY.",
        AgentIds.Codex => "run `codex login` in a terminal, or set OPENAI_API_KEY.",
        AgentIds.OpenCode => "run `opencode auth login` in a terminal, or set the provider's API key.",
        AgentIds.Gemini => "run `gemini` once in a terminal and choose a sign-in method, or set GEMINI_API_KEY.",
        _ => "sign in to it once in a terminal, or set its API key.",
    };

    [GeneratedRegex(
        @"not logged in|please (run )?/?login|\blog ?in (first|required)|invalid[ _-]?(api[ _-]?)?key|incorrect api key|api[ _-]?key (is )?(invalid|missing|expired|not (set|found))|missing (an? )?api[ _-]?key|no api[ _-]?key|unauthori[sz]ed|\b401\b(?!\d)|authentication (failed|error|required)|(token|credentials?) (has |have )?expired|not authenticated",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Credentials();
}
