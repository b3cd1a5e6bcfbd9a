using System.Text.RegularExpressions;

namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// The words providers and agent CLIs use for a failure, by class. Checked in order: what can never be helped by a
/// resend (credentials, a full context) wins over a quota, and a quota over a plain availability failure, since a 429
/// can mean either. Anything unrecognised is never retried: resending a crash only repeats it.
/// </summary>
public static partial class FailurePatterns
{
    public static FailureClass? Of(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (NeverRetry().IsMatch(text))
        {
            return FailureClass.NeverRetry;
        }

        if (Quota().IsMatch(text))
        {
            return FailureClass.Quota;
        }

        return Availability().IsMatch(text) ? FailureClass.Availability : null;
    }

    [GeneratedRegex(
        @"\b(401|403)\b(?!\d)|unauthori[sz]ed|forbidden|authenticat|invalid[ _-]?(api[ _-]?)?key|api[ _-]?key (is )?(invalid|missing|expired)|(token|credentials?) (has |have )?expired|expired (token|credentials?)|permission denied|not logged in|please (run )?/?login|(session|conversation) (was )?not found|no conversation found|context[ _-](window|length)|prompt is too long|maximum context|context_length_exceeded|too many tokens|input is too long",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NeverRetry();

    [GeneratedRegex(
        @"usage limit|session limit|weekly limit|5-hour limit|limit reached|hit your (\w+ )?limit|quota|insufficient_quota|out of credits|credit balance|billing",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Quota();

    [GeneratedRegex(
        @"\b(429|500|502|503|504|529)\b|overloaded|rate[ _-]?limit|too many requests|high demand|service unavailable|bad gateway|internal server error|temporarily unavailable|try again (in a moment|later)|econnrefused|connection refused|econnreset|connection reset|socket hang up|enotfound|eai_again|getaddrinfo|dns error|failed to lookup address|stream disconnected|error sending request|connection error|unable to connect|network error",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Availability();
}
