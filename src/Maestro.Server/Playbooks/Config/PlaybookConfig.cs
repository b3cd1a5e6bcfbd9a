using Maestro.Protocol;

namespace Maestro.Server.Playbooks.Config;

/// <summary>
/// Settings from <c>playbook.yaml</c> or a document's front matter. Every field is optional: a document's
/// front matter overrides the folder's <c>playbook.yaml</c>, and the run request overrides both.
/// </summary>
public sealed record PlaybookConfig
{
    public const int DefaultRetries = 1;

    public static PlaybookConfig Empty { get; } = new();

    public string? Agent { get; init; }

    public string? Model { get; init; }

    public PermissionMode? PermissionMode { get; init; }

    /// <summary>The prompt template; see <see cref="Prompts.PromptTemplate"/> for its placeholders.</summary>
    public string? Prompt { get; init; }

    public int? Loops { get; init; }

    /// <summary>How many more times a task left unchecked is given to a fresh session.</summary>
    public int? Retries { get; init; }

    public TaskFailurePolicy? OnTaskFailure { get; init; }

    /// <summary>A branch: the run works in a fresh worktree on it.</summary>
    public string? Worktree { get; init; }

    public string? WorktreeBase { get; init; }

    public RunBudget? Budget { get; init; }

    /// <summary>This config, with what it leaves unset taken from <paramref name="fallback"/>.</summary>
    public PlaybookConfig Over(PlaybookConfig fallback) => new()
    {
        Agent = Agent ?? fallback.Agent,
        Model = Model ?? fallback.Model,
        PermissionMode = PermissionMode ?? fallback.PermissionMode,
        Prompt = Prompt ?? fallback.Prompt,
        Loops = Loops ?? fallback.Loops,
        Retries = Retries ?? fallback.Retries,
        OnTaskFailure = OnTaskFailure ?? fallback.OnTaskFailure,
        Worktree = Worktree ?? fallback.Worktree,
        WorktreeBase = WorktreeBase ?? fallback.WorktreeBase,
        Budget = Budget is null ? fallback.Budget : fallback.Budget is null ? Budget : new RunBudget
        {
            MaxTasks = Budget.MaxTasks ?? fallback.Budget.MaxTasks,
            MaxCostUsd = Budget.MaxCostUsd ?? fallback.Budget.MaxCostUsd,
            MaxMinutes = Budget.MaxMinutes ?? fallback.Budget.MaxMinutes,
            MaxTaskMinutes = Budget.MaxTaskMinutes ?? fallback.Budget.MaxTaskMinutes,
        },
    };
}
