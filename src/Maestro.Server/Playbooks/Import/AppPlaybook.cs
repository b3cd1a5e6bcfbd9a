namespace Maestro.Server.Playbooks.Import;

/// <summary>
/// A playbook as the Maestro desktop app saves it (its <c>Playbook</c> type, facts from its public source): the
/// documents of its Auto Run folder in order, the loop, the prompt and the worktree settings.
/// </summary>
internal sealed record AppPlaybook
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<AppPlaybookDocument>? Documents { get; init; }

    public bool LoopEnabled { get; init; }

    public int? MaxLoops { get; init; }

    public string? Prompt { get; init; }

    /// <summary><c>task</c> (one task per agent session, the default) or <c>document</c> (a whole document per session).</summary>
    public string? TaskSelectionMode { get; init; }

    public AppWorktreeSettings? WorktreeSettings { get; init; }
}
