namespace Maestro.Server.Git.Worktrees;

/// <summary>One record of <c>git worktree list --porcelain</c>.</summary>
internal sealed record WorktreeListing(string Path, string? Head, string? Branch, bool Bare, bool Locked, bool Prunable)
{
    public static List<WorktreeListing> Parse(string porcelain)
    {
        var result = new List<WorktreeListing>();
        WorktreeListing? current = null;
        foreach (var line in porcelain.Split('\n'))
        {
            if (line.StartsWith("worktree ", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    result.Add(current);
                }

                current = new WorktreeListing(line["worktree ".Length..], null, null, false, false, false);
            }
            else if (current is null)
            {
                continue;
            }
            else if (line.StartsWith("HEAD ", StringComparison.Ordinal))
            {
                current = current with { Head = line["HEAD ".Length..] };
            }
            else if (line.StartsWith("branch refs/heads/", StringComparison.Ordinal))
            {
                current = current with { Branch = line["branch refs/heads/".Length..] };
            }
            else if (line == "bare")
            {
                current = current with { Bare = true };
            }
            else if (line == "locked" || line.StartsWith("locked ", StringComparison.Ordinal))
            {
                current = current with { Locked = true };
            }
            else if (line == "prunable" || line.StartsWith("prunable ", StringComparison.Ordinal))
            {
                current = current with { Prunable = true };
            }
        }

        if (current is not null)
        {
            result.Add(current);
        }

        return result;
    }
}
