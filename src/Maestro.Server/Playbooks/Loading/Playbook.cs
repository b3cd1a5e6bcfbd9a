using Maestro.Server.Playbooks.Config;

namespace Maestro.Server.Playbooks.Loading;

/// <summary>A loaded playbook: a folder of documents run in file-name order, or a single document.</summary>
public sealed record Playbook
{
    /// <summary>The folder or file, absolute.</summary>
    public required string Path { get; init; }

    public required string Name { get; init; }

    public required bool IsFolder { get; init; }

    /// <summary>Run-wide settings: the folder's <c>playbook.yaml</c>, or the single document's front matter.</summary>
    public required PlaybookConfig Config { get; init; }

    public required IReadOnlyList<PlaybookDocument> Documents { get; init; }

    public int TotalTasks => Documents.Sum(d => d.Parsed.Tasks.Count);

    public int DoneTasks => Documents.Sum(d => d.Parsed.DoneCount);
}
