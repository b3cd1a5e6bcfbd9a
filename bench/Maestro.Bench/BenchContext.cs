namespace Maestro.Bench;

/// <summary>What a scenario needs: the iteration count and a place to report figures.</summary>
internal sealed class BenchContext
{
    public BenchContext(bool smoke)
    {
        Smoke = smoke;
    }

    /// <summary>CI runs every scenario once with tiny sizes, only to prove it still works.</summary>
    public bool Smoke { get; }

    public int Iterations(int full) => Smoke ? 1 : full;

    public List<BenchResult> Results { get; } = [];

    public void Report(string scenario, string measure, double value, string unit, double? baseline = null, string? baselineName = null, double? target = null)
    {
        var result = new BenchResult(scenario, measure, value, unit, baseline, baselineName, target);
        Results.Add(result);
        Console.WriteLine(result.ToMarkdownRow());
    }
}
