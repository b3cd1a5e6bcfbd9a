using System.Globalization;
using Maestro.Protocol;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>One line on what a waiting run waits for, the same in <c>runs/progress</c> and <c>maestro run</c>.</summary>
public static class RunWaitText
{
    public static string Describe(RunWait wait)
    {
        var what = wait.Class == OutageClass.Quota ? "its usage limit to reset" : "the provider to answer again";
        var until = wait.ResetAt is { } reset ? $"; the limit resets at {Clock(reset)}"
            : wait.NextAt is { } next ? $"; next try at {Clock(next)}"
            : string.Empty;
        return $"Waiting for {what} ({Shorten(wait.Reason)}){until}.";
    }

    private static string Clock(DateTimeOffset moment) => moment.ToUniversalTime().ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > 120 ? line[..119] + "…" : line;
    }
}
