using Maestro.Server.Playbooks.Config;
using Maestro.Server.Playbooks.Documents;
using Maestro.Server.Playbooks.Markers;
using Maestro.Server.Playbooks.Prompts;

namespace Maestro.Server.Playbooks.Loading;

/// <summary>One markdown document of a playbook, parsed, with its effective settings and prompt template.</summary>
public sealed record PlaybookDocument
{
    public required string Path { get; init; }

    /// <summary>The file name, e.g. <c>01-setup.md</c>; what progress output shows.</summary>
    public required string Name { get; init; }

    /// <summary>The document's front matter over the playbook's settings.</summary>
    public required PlaybookConfig Config { get; init; }

    public required TaskDocument Parsed { get; init; }

    public required PromptTemplate Prompt { get; init; }

    /// <summary>The halt and HITL markers in the document's live text (<see cref="MarkerScanner"/>).</summary>
    public IReadOnlyList<DocumentMarker> Markers { get; init; } = [];

    /// <summary>Unchecked tasks that read as human-only steps (<see cref="HumanStepWarnings"/>): warned about, never refused.</summary>
    public IReadOnlyList<(int Line, string Message)> Warnings { get; init; } = [];
}
