namespace Maestro.Bench;

/// <summary>One measured comparison: Maestro beside its baseline, in the same run.</summary>
internal interface IBenchScenario
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(BenchContext context);
}
