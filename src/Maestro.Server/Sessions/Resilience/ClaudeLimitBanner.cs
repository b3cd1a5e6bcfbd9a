using System.Text.RegularExpressions;

namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// Claude Code's subscription limit banner, which it sends as an ordinary assistant message ("Claude AI usage limit
/// reached|1767225600", "You've hit your limit · resets 3pm (Europe/Paris)"). Recognised only when the banner is the
/// whole message: an answer that merely talks about limits is an answer.
/// </summary>
public static partial class ClaudeLimitBanner
{
    public static bool Is(string? message) => message is not null && message.Length <= 200 && Banner().IsMatch(message.Trim());

    [GeneratedRegex(
        @"^(?:Claude AI usage limit reached(?:\|\d{10})?|(?:Claude )?(?:5-hour |weekly |Opus weekly |session |usage )?limit reached(?:[ .·∙•\-–—|]+(?:your limit )?(?:will )?resets?(?: at)? [^\r\n]{1,80})?|You(?:'|’)ve hit your (?:\w+ )?limit(?:[ .·∙•\-–—|]+(?:your limit )?(?:will )?resets?(?: at)? [^\r\n]{1,80})?)\.?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Banner();
}
