namespace Maestro.Server.Playbooks.Config;

/// <summary>The YAML shape of <see cref="PlaybookConfig"/>, as YamlDotNet fills it (camelCase keys).</summary>
internal sealed class PlaybookConfigYaml
{
    public string? Agent { get; set; }

    public string? Model { get; set; }

    public string? PermissionMode { get; set; }

    public string? Prompt { get; set; }

    public int? Loops { get; set; }

    public int? Retries { get; set; }

    public string? OnTaskFailure { get; set; }

    public string? Worktree { get; set; }

    public string? WorktreeBase { get; set; }

    public BudgetYaml? Budget { get; set; }

    internal sealed class BudgetYaml
    {
        public int? MaxTasks { get; set; }

        public decimal? MaxCostUsd { get; set; }

        public double? MaxMinutes { get; set; }

        public double? MaxTaskMinutes { get; set; }
    }
}
