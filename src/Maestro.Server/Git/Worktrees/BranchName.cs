using Maestro.Server.Errors;

namespace Maestro.Server.Git.Worktrees;

/// <summary>
/// The rules of <c>git check-ref-format --branch</c> for a new branch's name, checked before git sees it. A name
/// starting with '-' would reach git as an option: <c>git worktree add -b -m</c> runs <c>git branch -m &lt;commit&gt;</c>
/// inside git, renaming the user's checked-out branch. Names come from worktrees/create, sessions/create and
/// playbook.yaml.
/// </summary>
public static class BranchName
{
    /// <summary>Throws InvalidParams naming the rule <paramref name="name"/> breaks; returns it when it is a valid new branch name.</summary>
    public static string Validate(string? name)
    {
        var problem = Problem(name);
        return problem is null ? name! : throw new InvalidParamsException($"'{name}' is not a valid branch name: {problem}.");
    }

    /// <summary>Why <paramref name="name"/> is not a valid branch name, or null when it is.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "it is empty";
        }

        if (name[0] == '-')
        {
            return "it starts with '-' (git would read it as an option)";
        }

        if (name == "HEAD" || name == "@")
        {
            return "it is reserved by git";
        }

        if (name.Any(c => c < 0x20 || c == 0x7f || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\'))
        {
            return "it contains a space, a control character or one of ~ ^ : ? * [ \\";
        }

        if (name.Contains("..", StringComparison.Ordinal) || name.Contains("@{", StringComparison.Ordinal))
        {
            return "it contains '..' or '@{'";
        }

        if (name.EndsWith('/') || name.EndsWith('.'))
        {
            return "it ends with '/' or '.'";
        }

        foreach (var component in name.Split('/'))
        {
            if (component.Length == 0)
            {
                return "it has an empty path component ('//' or a leading '/')";
            }

            if (component[0] == '.')
            {
                return "a component starts with '.'";
            }

            if (component.EndsWith(".lock", StringComparison.Ordinal))
            {
                return "a component ends with '.lock'";
            }
        }

        return null;
    }
}
