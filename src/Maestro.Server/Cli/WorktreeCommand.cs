using System.CommandLine;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Git.Worktrees;
using Maestro.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Cli;

/// <summary><c>maestro worktree list|create|remove|merge|prune</c>: the worktree service without a server.</summary>
internal static class WorktreeCommand
{
    public static Command Create()
    {
        var command = new Command("worktree", "List, create, merge and remove the git worktrees agents work in.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(CreateWorktree());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Merge());
        command.Subcommands.Add(Prune());
        return command;
    }

    private static Option<string> RepoOption() => new("--repo") { Description = "A path inside the repository (default: the current folder).", DefaultValueFactory = _ => Environment.CurrentDirectory };

    private static Command List()
    {
        var repo = RepoOption();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("list", "List the repository's worktrees: path, branch, dirty, locked.") { repo, json };
        command.SetAction(async (result, cancellationToken) => await GitCommandErrors.RunAsync(async () =>
        {
            await using var services = CliServices.Build(MaestroPaths.FromEnvironment());
            var worktrees = await services.GetRequiredService<WorktreeService>().ListAsync(Path.GetFullPath(result.GetValue(repo)!), cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(new WorktreeListResult { Worktrees = worktrees }, CliJsonContext.Default.WorktreeListResult));
            }
            else
            {
                var table = new CliTable("PATH", "BRANCH", "HEAD", "FLAGS") { Flexible = 0, KeepEnd = true };
                foreach (var w in worktrees)
                {
                    var flags = string.Join(' ', new[] { w.IsMain ? "main" : null, w.Dirty ? "dirty" : null, w.Locked ? "locked" : null }.OfType<string>());
                    table.Add(w.Path, w.Branch ?? "(detached)", w.Head?[..Math.Min(10, w.Head.Length)], flags);
                }

                table.Write(CliConsole.Out);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateWorktree()
    {
        var branch = new Argument<string>("branch") { Description = "The new branch, e.g. maestro/fix-login." };
        var baseRef = new Option<string?>("--base") { Description = "The commit-ish to start from (default: HEAD)." };
        var path = new Option<string?>("--path") { Description = "Where to put it (default: <repo>.worktrees/<branch> beside the repository)." };
        var repo = RepoOption();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of the path." };
        var command = new Command("create", "Create a worktree on a new branch.") { branch, baseRef, path, repo, json };
        command.SetAction(async (result, cancellationToken) => await GitCommandErrors.RunAsync(async () =>
        {
            await using var services = CliServices.Build(MaestroPaths.FromEnvironment());
            var where = result.GetValue(path) is { } p ? Path.GetFullPath(p) : null;
            var worktree = await services.GetRequiredService<WorktreeService>().CreateAsync(Path.GetFullPath(result.GetValue(repo)!), result.GetValue(branch)!, result.GetValue(baseRef), where, cancellationToken);
            CliConsole.Out.WriteLine(result.GetValue(json) ? JsonSerializer.Serialize(worktree, CliJsonContext.Default.Worktree) : worktree.Path);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Remove()
    {
        var path = new Argument<string>("path") { Description = "The worktree's folder." };
        var force = new Option<bool>("--force") { Description = "Remove it even with uncommitted or untracked files (they are lost); with --delete-branch, delete the branch even when not merged." };
        var deleteBranch = new Option<bool>("--delete-branch") { Description = "Then delete its branch: only when its commits are merged (into its base or the main worktree's branch), unless --force." };
        var json = new Option<bool>("--json") { Description = "Print {action: removed, target, branch, branchDeleted} as JSON, or the error object." };
        var command = new Command("remove", "Remove a worktree; refused when it has uncommitted work, unless --force. Its branch stays unless --delete-branch.") { path, force, deleteBranch, json };
        command.SetAction(async (result, cancellationToken) => await GitCommandErrors.RunAsync(async () =>
        {
            await using var services = CliServices.Build(MaestroPaths.FromEnvironment());
            var folder = Path.GetFullPath(result.GetValue(path)!);
            var removed = await services.GetRequiredService<WorktreeService>().RemoveAsync(folder, result.GetValue(force), result.GetValue(deleteBranch), cancellationToken);
            var text = $"Removed {folder}." + (removed.BranchDeleted ? $" Deleted the branch {removed.Branch}." : string.Empty);
            CliDone.Print(result.GetValue(json), new CliDone { Action = "removed", Target = folder, Branch = removed.Branch, BranchDeleted = removed.BranchDeleted }, text);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Merge()
    {
        var path = new Argument<string>("path") { Description = "The worktree's folder." };
        var into = new Option<string?>("--into") { Description = "The branch to merge into (default: the main worktree's branch)." };
        var message = new Option<string?>("--message", "-m") { Description = "First commit the worktree's accepted (staged) changes with this message; without it only what is committed is merged." };
        var ffOnly = new Option<bool>("--ff-only") { Description = "Refuse unless the base branch can be fast-forwarded." };
        var noFf = new Option<bool>("--no-ff") { Description = "Always make a merge commit." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("merge", "Merge a worktree's branch into its base branch; on a conflict the base is left as it was and the paths are listed.") { path, into, message, ffOnly, noFf, json };
        command.SetAction(async (result, cancellationToken) => await GitCommandErrors.RunAsync(async () =>
        {
            if (result.GetValue(ffOnly) && result.GetValue(noFf))
            {
                await Console.Error.WriteLineAsync("maestro: --ff-only and --no-ff cannot be used together. Run 'maestro worktree merge --help' for usage.");
                return ExitCodes.Usage;
            }

            var strategy = result.GetValue(ffOnly) ? MergeStrategy.FastForwardOnly : result.GetValue(noFf) ? MergeStrategy.MergeCommit : MergeStrategy.Auto;
            await using var services = CliServices.Build(MaestroPaths.FromEnvironment());
            var merged = await services.GetRequiredService<WorktreeMergeService>().MergeAsync(Path.GetFullPath(result.GetValue(path)!), result.GetValue(into), result.GetValue(message), strategy, cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(merged, CliJsonContext.Default.WorktreeMergeResult));
            }
            else if (merged.Merged)
            {
                CliConsole.Out.WriteLine((merged.FastForward ? "Fast-forwarded" : "Merged") + $" to {merged.Head?[..Math.Min(10, merged.Head.Length)]}" + (merged.Committed is { } c ? $" (committed the worktree's changes as {c[..Math.Min(10, c.Length)]} first)" : string.Empty) + ".");
            }
            else
            {
                await Console.Error.WriteLineAsync($"maestro: not merged: {CliWords.Count(merged.Conflicts.Count, "path")} in conflict; the base branch is as it was:");
                foreach (var conflict in merged.Conflicts)
                {
                    await Console.Error.WriteLineAsync("  " + conflict);
                }
            }

            return merged.Merged ? ExitCodes.Ok : ExitCodes.Error;
        }));
        return command;
    }

    private static Command Prune()
    {
        var repo = RepoOption();
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("prune", "Forget worktrees whose folders are gone (git worktree prune); prints what was pruned.") { repo, json };
        command.SetAction(async (result, cancellationToken) => await GitCommandErrors.RunAsync(async () =>
        {
            await using var services = CliServices.Build(MaestroPaths.FromEnvironment());
            var pruned = await services.GetRequiredService<WorktreeService>().PruneAsync(Path.GetFullPath(result.GetValue(repo)!), cancellationToken);
            if (result.GetValue(json))
            {
                CliConsole.Out.WriteLine(JsonSerializer.Serialize(new WorktreePruneResult { Pruned = pruned }, CliJsonContext.Default.WorktreePruneResult));
            }
            else
            {
                CliConsole.Out.WriteLine(pruned.Count == 0 ? "Nothing to prune." : string.Join(Environment.NewLine, pruned.Select(p => "pruned " + p)));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
