using System.Globalization;

namespace Maestro.Bench;

internal sealed record BenchResult(string Scenario, string Measure, double Value, string Unit, double? Baseline, string? BaselineName, double? Target)
{
    public double? Ratio => Baseline is > 0 ? Value / Baseline : null;

    public string ToMarkdownRow()
    {
        var c = CultureInfo.InvariantCulture;
        var baseline = Baseline is null ? "—" : string.Format(c, "{0:0.##} {1} ({2})", Baseline, Unit, BaselineName);
        var ratio = Ratio is null ? "—" : string.Format(c, "{0:0.00}×", Ratio);
        var target = Target is null ? "—" : string.Format(c, Ratio is null ? "≤ {0:0.##} {1}" : "≤ {0:0.00}×", Target, Unit);
        return string.Format(c, "| {0} | {1} | {2:0.##} {3} | {4} | {5} | {6} |", Scenario, Measure, Value, Unit, baseline, ratio, target);
    }
}
