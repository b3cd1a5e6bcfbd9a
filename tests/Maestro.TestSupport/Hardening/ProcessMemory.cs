using System.Globalization;

namespace Maestro.TestSupport.Hardening;

/// <summary>A process's resident memory as Linux reports it in /proc/&lt;pid&gt;/status (VmRSS now, VmHWM its peak).</summary>
public sealed record ProcessMemory(double RssMegabytes, double PeakMegabytes)
{
    public static ProcessMemory Read(int pid)
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) / 1024.0;
            }
        }

        return new ProcessMemory(rss, peak);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RSS {RssMegabytes:F1} MB, peak (VmHWM) {PeakMegabytes:F1} MB");

    // "VmRSS:     81234 kB"
    private static long Kilobytes(string line)
        => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
