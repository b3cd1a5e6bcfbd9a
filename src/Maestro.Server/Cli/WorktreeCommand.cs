using System.CommandLine;
using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Git.Worktrees;
using Maestro.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Maestro.Server.Cli;

/// <summary><c>maestro worktree list|create|remove</c>: the worktree service without a server.</summary>
internal static class WorktreeCommand
{
    public static Command Create()
    {
        var command = new Command("worktree", "List, create and remove the git worktrees agents work in.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(CreateWorktree());
        command.Subcommands.Add(Remove());
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
                foreach (var w in worktrees)
                {
                    var flags = string.Join(' ', new[] { w.IsMain ? "main" : null, w.Dirty ? "dirty" : null, w.Locked ? "locked" : null }.OfType<string>());
                    CliConsole.Out.WriteLine($"{w.Path}  {w.Branch ?? "(detached)"}  {w.Head?[..Math.Min(10, w.Head.Length)]}  {flags}".TrimEnd());
                }
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
        var force = new Option<bool>("--force") { Description = "Remove it even with uncommitted or untracked files (they are lost)." };
        var command = new Command("remove", "Remove a worktree; refused when it has uncommitted work, unless --force.") { path, force };
        command.SetAction(async (result, cancellationToken) => await GitCommandErrors.RunAsync(async () =>
        {
            await using var services = CliServices.Build(MaestroPaths.FromEnvironment());
            await services.GetRequiredService<WorktreeService>().RemoveAsync(Path.GetFullPath(result.GetValue(path)!), result.GetValue(force), cancellationToken);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
