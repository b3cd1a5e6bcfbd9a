namespace Maestro.Server.Playbooks.Import;

/// <summary>The app's per-agent playbooks file: <c>{"playbooks": [...]}</c>.</summary>
internal sealed record AppPlaybookStore
{
    public IReadOnlyList<AppPlaybook>? Playbooks { get; init; }
}
