namespace Maestro.Server.Cli.Runs;

/// <summary>What <c>maestro run --dry-run --json</c> prints: the playbook as a run would see it, and its warnings.</summary>
internal sealed record DryRunLine
{
    public string Event { get; init; } = "dryRun";

    public required string Playbook { get; init; }

    public required string AgentId { get; init; }

    public required int Total { get; init; }

    public required int Done { get; init; }

    public required bool Reset { get; init; }

    public required IReadOnlyList<DryRunTask> Tasks { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    public int ExitCode { get; init; }
}
