namespace Maestro.Server.Playbooks.Prompts;

/// <summary>
/// The branch a folder is on, for <c>{{GIT_BRANCH}}</c>: read from the HEAD file of the repository or worktree
/// holding it (a <c>.git</c> folder, or a <c>.git</c> file pointing at a worktree's git folder). No process is started
/// per task for a value that only fills a prompt.
/// </summary>
public static class GitHead
{
    /// <summary>The branch name; the commit's first 12 hex digits when HEAD is detached; null outside git.</summary>
    public static string? BranchOf(string folder)
    {
        try
        {
            for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
            {
                var dotGit = Path.Combine(dir.FullName, ".git");
                var gitDir = Directory.Exists(dotGit) ? dotGit
                    : File.Exists(dotGit) && File.ReadAllText(dotGit).Trim() is var pointer && pointer.StartsWith("gitdir:", StringComparison.Ordinal)
                        ? Path.GetFullPath(pointer["gitdir:".Length..].Trim(), dir.FullName)
                        : null;
                if (gitDir is null)
                {
                    continue;
                }

                var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
                const string Ref = "ref: refs/heads/";
                return head.StartsWith(Ref, StringComparison.Ordinal) ? head[Ref.Length..] : head[..Math.Min(12, head.Length)];
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }
}
