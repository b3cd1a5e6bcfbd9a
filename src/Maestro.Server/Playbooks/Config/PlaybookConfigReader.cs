using Maestro.Protocol;
using Maestro.Server.Playbooks.Errors;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Maestro.Server.Playbooks.Config;

/// <summary>Reads <c>playbook.yaml</c> and front matter. Unknown keys and bad values are errors naming the file and line.</summary>
public static class PlaybookConfigReader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <param name="source">The file, as the user knows it, for messages.</param>
    /// <param name="firstLine">The file's line of the YAML's first line (front matter starts below its fence).</param>
    public static PlaybookConfig Read(string yaml, string source, int firstLine = 1)
    {
        PlaybookConfigYaml? raw;
        try
        {
            raw = Deserializer.Deserialize<PlaybookConfigYaml?>(yaml);
        }
        catch (YamlException ex)
        {
            var line = ex.Start.Line + firstLine - 1;
            var reason = (ex.InnerException?.Message ?? ex.Message).Split('\n')[0].Trim();
            if (reason.Contains("not found on type", StringComparison.Ordinal) || reason.Contains("Property '", StringComparison.Ordinal))
            {
                reason = UnknownKey(reason);
            }

            throw new PlaybookInvalidException($"{source}, line {line}: malformed playbook settings: {reason}", ex);
        }

        if (raw is null)
        {
            return PlaybookConfig.Empty;
        }

        var config = new PlaybookConfig
        {
            Agent = Blank(raw.Agent),
            Model = Blank(raw.Model),
            Prompt = string.IsNullOrWhiteSpace(raw.Prompt) ? null : raw.Prompt,
            Loops = raw.Loops,
            Retries = raw.Retries,
            Worktree = Blank(raw.Worktree),
            WorktreeBase = Blank(raw.WorktreeBase),
            PermissionMode = raw.PermissionMode is null ? null : ParseEnum<PermissionMode>(raw.PermissionMode, "permissionMode", source, "ask, acceptEdits, bypass"),
            OnTaskFailure = raw.OnTaskFailure is null ? null : ParseEnum<TaskFailurePolicy>(raw.OnTaskFailure, "onTaskFailure", source, "stop, continue"),
            Budget = raw.Budget is null ? null : new RunBudget { MaxTasks = raw.Budget.MaxTasks, MaxCostUsd = raw.Budget.MaxCostUsd, MaxMinutes = raw.Budget.MaxMinutes, MaxTaskMinutes = raw.Budget.MaxTaskMinutes },
        };
        try
        {
            RunLimits.Validate(config.Loops, config.Retries, config.Budget);
        }
        catch (PlaybookInvalidException ex)
        {
            throw new PlaybookInvalidException($"{source}: {ex.Message}", ex);
        }

        if (config.Worktree is not null && Git.Worktrees.BranchName.Problem(config.Worktree) is { } problem)
        {
            throw new PlaybookInvalidException($"{source}: worktree is '{config.Worktree}', not a valid branch name: {problem}.");
        }

        return config;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static T ParseEnum<T>(string value, string key, string source, string allowed)
        where T : struct, Enum
        => Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && !int.TryParse(value, out _)
            ? parsed
            : throw new PlaybookInvalidException($"{source}: {key} is '{value}'; it must be one of {allowed}.");

    private static readonly string[] Keys = ["agent", "model", "permissionMode", "prompt", "loops", "retries", "onTaskFailure", "worktree", "worktreeBase", "budget", "maxTasks", "maxCostUsd", "maxMinutes", "maxTaskMinutes"];

    /// <summary>YamlDotNet says "Property 'loopz' not found on type 'Maestro…PlaybookConfigYaml'": the key, a close
    /// match and the keys there are, without the deserializer's type names.</summary>
    private static string UnknownKey(string reason)
    {
        var key = System.Text.RegularExpressions.Regex.Match(reason, "Property '([^']*)'").Groups[1].Value;
        var close = Keys.Select(k => (k, d: Cli.Suggestions.Distance(key.ToLowerInvariant(), k.ToLowerInvariant()))).Where(c => c.d <= 2).OrderBy(c => c.d).Select(c => c.k).FirstOrDefault();
        var named = key.Length > 0 ? $"unknown or misplaced key '{key}'{(close is null ? string.Empty : $" (did you mean '{close}'?)")}" : "unknown or misplaced key";
        return $"{named}; the keys are agent, model, permissionMode, prompt, loops, retries, onTaskFailure, worktree, worktreeBase, budget {{maxTasks, maxCostUsd, maxMinutes, maxTaskMinutes}}";
    }
}
