using Maestro.Protocol;
using Maestro.Server.Errors;
using Maestro.Server.Processes;

namespace Maestro.Server.Playbooks.Worktrees;

/// <summary>
/// Worktrees through the git CLI, placed like the Git feature places them: <c>&lt;repo&gt;.worktrees/&lt;branch&gt;</c>
/// beside the main worktree. A stand-in until the lead wires <see cref="IRunWorktrees"/> to WorktreeService.
/// </summary>
public sealed class GitCliRunWorktrees : IRunWorktrees
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromMinutes(2);

    private readonly ProcessRunner runner;

    public GitCliRunWorktrees(ProcessRunner runner)
    {
        this.runner = runner;
    }

    public async Task<string?> RepositoryRootAsync(string path, CancellationToken cancellationToken)
    {
        var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(path)!;
        var result = await runner.RunAsync("git", ["rev-parse", "--show-toplevel"], GitTimeout, folder, cancellationToken: cancellationToken);
        return result.ExitCode == 0 ? Path.GetFullPath(result.StandardOutput.Trim()) : null;
    }

    public async Task<RunWorktree> CreateAsync(string repository, string branch, string? baseRef, CancellationToken cancellationToken)
    {
        var root = await RepositoryRootAsync(repository, cancellationToken)
            ?? throw new MaestroException(ErrorCodes.NotARepository, ErrorKinds.NotARepository, $"'{repository}' is not in a git repository, so the run cannot have a worktree of its own. Run without a worktree, or in a repository.");
        var common = await GitAsync(root, ["rev-parse", "--path-format=absolute", "--git-common-dir"], cancellationToken);
        var mainRoot = Path.GetDirectoryName(Path.GetFullPath(common.Trim()).TrimEnd(Path.DirectorySeparatorChar))!;
        if (string.IsNullOrWhiteSpace(branch) || (await runner.RunAsync("git", ["check-ref-format", "--branch", branch], GitTimeout, root, cancellationToken: cancellationToken)).ExitCode != 0)
        {
            throw new InvalidParamsException($"'{branch}' is not a valid branch name.");
        }

        if ((await runner.RunAsync("git", ["rev-parse", "--verify", "--quiet", "refs/heads/" + branch], GitTimeout, root, cancellationToken: cancellationToken)).ExitCode == 0)
        {
            throw new InvalidParamsException($"The branch '{branch}' already exists in '{mainRoot}'; a run needs a new branch.");
        }

        var target = Path.GetFullPath(Path.Combine(mainRoot + ".worktrees", branch));
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw new InvalidParamsException($"'{target}' already exists and is not an empty folder.");
        }

        await GitAsync(mainRoot, ["worktree", "add", "--quiet", "-b", branch, target, baseRef ?? "HEAD"], cancellationToken);
        return new RunWorktree(mainRoot, target, branch);
    }

    private async Task<string> GitAsync(string cwd, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync("git", arguments, GitTimeout, cwd, cancellationToken: cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new MaestroException(ErrorCodes.InternalError, ErrorKinds.InternalError, $"git {string.Join(' ', arguments)} failed in {cwd}: {result.StandardError.Trim()}");
        }

        return result.StandardOutput;
    }
}
