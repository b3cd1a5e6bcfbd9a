namespace Maestro.Server.Cli.Runs;

/// <summary>One task as <c>maestro run --dry-run</c> lists it; <see cref="Gate"/> is the HITL reason a run would stop at before it.</summary>
internal sealed record DryRunTask
{
    public required string Document { get; init; }

    public required int Line { get; init; }

    public required string Text { get; init; }

    public required bool Done { get; init; }

    public string? Gate { get; init; }
}
