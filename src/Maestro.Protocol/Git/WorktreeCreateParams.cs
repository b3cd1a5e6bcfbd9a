namespace Maestro.Protocol;

public sealed record WorktreeCreateParams
{
    public required string Repo { get; init; }

    public required string Branch { get; init; }

    /// <summary>The commit-ish the new branch starts from; HEAD when absent.</summary>
    public string? Base { get; init; }

    /// <summary>Where to put it; <c>&lt;repo&gt;.worktrees/&lt;branch&gt;</c> beside the repository when absent.</summary>
    public string? Path { get; init; }

    /// <summary>The host (<c>hosts/add</c>) to ask; absent for this machine. Paths are paths there.</summary>
    public string? Host { get; init; }
}
