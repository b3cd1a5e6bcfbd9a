using System.Globalization;
using System.Text.RegularExpressions;

namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// The moment a limit resets, when the failure names one: an epoch marker (<c>|1767225600</c>), a <c>retry-after</c>
/// in seconds, "try again in 5 minutes", an ISO time with its offset, or a banner time with its time zone
/// ("resets 3pm (Europe/Paris)"). A wall-clock time without a zone is ignored: guessing the zone would resend at the
/// wrong hour.
/// </summary>
public static partial class ResetMoment
{
    public static DateTimeOffset? Find(string text, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (EpochMarker().Match(text) is { Success: true } epoch && long.TryParse(epoch.Groups[1].Value, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (RetryAfter().Match(text) is { Success: true } after && double.TryParse(after.Groups[2].Value, CultureInfo.InvariantCulture, out var value))
        {
            return now + (after.Groups[1].Value.Contains("ms", StringComparison.OrdinalIgnoreCase) ? TimeSpan.FromMilliseconds(value) : TimeSpan.FromSeconds(value));
        }

        if (InDuration().Match(text) is { Success: true } within && Duration(within.Groups[1].Value) is { } span)
        {
            return now + span;
        }

        if (IsoTime().Match(text) is { Success: true } iso && DateTimeOffset.TryParse(iso.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return at;
        }

        return BannerTime().Match(text) is { Success: true } banner ? AtZone(banner, now) : null;
    }

    private static TimeSpan? Duration(string text)
    {
        var total = TimeSpan.Zero;
        foreach (Match part in DurationPart().Matches(text))
        {
            var amount = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += char.ToLowerInvariant(part.Groups[2].Value[0]) switch
            {
                'd' => TimeSpan.FromDays(amount),
                'h' => TimeSpan.FromHours(amount),
                'm' when part.Groups[2].Value.StartsWith("ms", StringComparison.OrdinalIgnoreCase) => TimeSpan.FromMilliseconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
        }

        return total > TimeSpan.Zero ? total : null;
    }

    /// <summary>The next time the clock in the named zone shows the banner's hour and minute.</summary>
    private static DateTimeOffset? AtZone(Match banner, DateTimeOffset now)
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(banner.Groups["zone"].Value.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }

        var hour = int.Parse(banner.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = banner.Groups["m"].Success ? int.Parse(banner.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var meridiem = banner.Groups["ampm"].Value.ToLowerInvariant();
        if (hour > 23 || minute > 59 || (meridiem.Length > 0 && hour is 0 or > 12))
        {
            return null;
        }

        hour = meridiem switch { "pm" when hour < 12 => hour + 12, "am" when hour == 12 => 0, _ => hour };
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var candidate = new DateTime(local.Year, local.Month, local.Day, hour, minute, 0, DateTimeKind.Unspecified);
        for (var day = 0; day < 2; day++)
        {
            var wall = candidate.AddDays(day);
            var at = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            if (at > now)
            {
                return at;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\|(\d{10})\b")]
    private static partial Regex EpochMarker();

    [GeneratedRegex(@"(retry[-_ ]after(?:[-_]ms)?)[""']?\s*[:=]?\s*[""']?(\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex RetryAfter();

    [GeneratedRegex(@"(?:try again|retry|resets?|available again) in ~?((?:\s*(?:and\s*)?\d+(?:\.\d+)?\s*(?:ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b,?)+)", RegexOptions.IgnoreCase)]
    private static partial Regex InDuration();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPart();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})")]
    private static partial Regex IsoTime();

    [GeneratedRegex(@"resets?(?: at)?\s+(?<h>\d{1,2})(?::(?<m>\d{2}))?\s*(?<ampm>am|pm)?\s*\((?<zone>[A-Za-z_]+(?:/[A-Za-z_+\-0-9]+)*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex BannerTime();
}
