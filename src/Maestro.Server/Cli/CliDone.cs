namespace Maestro.Server.Cli;

/// <summary>What a command whose answer is only "done" prints with <c>--json</c> (<c>worktree remove</c>,
/// <c>hosts remove</c>, <c>remote stop</c>): what was done, and to what.</summary>
internal sealed record CliDone
{
    /// <summary><c>removed</c> or <c>stopped</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The worktree's folder, the host's name; none for <c>remote stop</c>.</summary>
    public string? Target { get; init; }

    public static void Print(bool json, CliDone done, string text)
        => CliConsole.Out.WriteLine(json ? System.Text.Json.JsonSerializer.Serialize(done, CliJsonContext.Default.CliDone) : text);
}
