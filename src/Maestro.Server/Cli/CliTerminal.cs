namespace Maestro.Server.Cli;

/// <summary>
/// What the CLI's stdout is: a terminal that takes a redrawn line (not a pipe, not <c>TERM=dumb</c>), and how wide it
/// is, so a live line never wraps (a wrapped line leaves stale copies behind at every redraw).
/// </summary>
internal static class CliTerminal
{
    public static bool IsLive
        => !Console.IsOutputRedirected && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>The terminal's columns; <c>COLUMNS</c>, else 80, where the console cannot say.</summary>
    public static int Columns
    {
        get
        {
            try
            {
                if (Console.WindowWidth is > 0 and var width)
                {
                    return width;
                }
            }
            catch (IOException)
            {
            }
            catch (PlatformNotSupportedException)
            {
            }

            return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : 80;
        }
    }
}
