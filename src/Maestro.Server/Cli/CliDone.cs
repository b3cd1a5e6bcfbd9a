namespace Maestro.Server.Cli;

/// <summary>What a command whose answer is only "done" prints with <c>--json</c> (<c>worktree remove</c>,
/// <c>hosts remove</c>, <c>remote stop</c>): what was done, and to what.</summary>
internal sealed record CliDone
{
    /// <summary><c>removed</c> or <c>stopped</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The worktree's folder, the host's name; none for <c>remote stop</c>.</summary>
    public string? Target { get; init; }

    /// <summary><c>worktree remove</c>: the branch the worktree had checked out (none for a detached HEAD).</summary>
    public string? Branch { get; init; }

    /// <summary><c>worktree remove</c>: whether <c>--delete-branch</c> deleted <see cref="Branch"/>; absent for the other commands.</summary>
    public bool? BranchDeleted { get; init; }

    public static void Print(bool json, CliDone done, string text)
        => CliConsole.Out.WriteLine(json ? System.Text.Json.JsonSerializer.Serialize(done, CliJsonContext.Default.CliDone) : text);
}
