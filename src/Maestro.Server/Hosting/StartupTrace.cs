using System.Diagnostics;

namespace Maestro.Server.Hosting;

/// <summary>With MAESTRO_TRACE_STARTUP=1, prints milliseconds since process start at each start-up milestone to stderr.</summary>
public static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("MAESTRO_TRACE_STARTUP") == "1";

    public static void Mark(string milestone)
    {
        if (!Enabled)
        {
            return;
        }

        using var self = Process.GetCurrentProcess();
        var elapsed = DateTime.Now - self.StartTime;
        Console.Error.WriteLine($"[startup] {elapsed.TotalMilliseconds,7:0.0} ms  {milestone}");
    }
}
