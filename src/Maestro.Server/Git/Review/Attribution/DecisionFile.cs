namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// What one decision did to one agent change: its baseline and agent versions before and after, and for a reject
/// the working file before and after (blob ids, null = no file) and where a created file went in the trash.
/// </summary>
internal sealed record DecisionFile(string SessionId, string TurnId, string Path)
{
    public string? BaselineBefore { get; init; }

    public string? BaselineAfter { get; init; }

    public string? AgentBefore { get; init; }

    public string? AgentAfter { get; init; }

    public bool WorkTouched { get; init; }

    public string? WorkBefore { get; init; }

    public string? WorkAfter { get; init; }

    public string? TrashPath { get; init; }
}
