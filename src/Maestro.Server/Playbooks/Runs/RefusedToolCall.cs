namespace Maestro.Server.Playbooks.Runs;

/// <summary>A tool call the session's permission mode refused: the tool, and what it was to act on (a command, a path).</summary>
internal sealed record RefusedToolCall(string Tool, string? Detail)
{
    public override string ToString() => Detail is null ? Tool : $"{Tool} `{Detail}`";
}
