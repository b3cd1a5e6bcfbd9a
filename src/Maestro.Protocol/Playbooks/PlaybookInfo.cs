namespace Maestro.Protocol;

public sealed record PlaybookInfo
{
    public required string Path { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<PlaybookDocumentInfo> Documents { get; init; }

    /// <summary>Why the playbook cannot run as it is (then documents may be empty).</summary>
    public string? Error { get; init; }

    /// <summary>What may keep it from running unattended, e.g. a task only a person can do; a run starts anyway.</summary>
    public IReadOnlyList<PlaybookWarning>? Warnings { get; init; }

    /// <summary>The playbook's own run settings; null when it sets none (or cannot load).</summary>
    public PlaybookDefaults? Defaults { get; init; }
}
