namespace Maestro.Server.Git.Review.Attribution;

/// <summary>
/// One file one session turn changed: its content before the turn (<see cref="BaselineBlob"/>, moved forward by
/// accepts) and as the agent left it (<see cref="AgentBlob"/>, moved back by rejects), as blob ids; null = no file.
/// </summary>
internal sealed record AgentChange(string SessionId, string TurnId, string Root, string Path, string? BaselineBlob, string? AgentBlob)
{
    public string SessionName { get; init; } = string.Empty;

    public string AgentId { get; init; } = string.Empty;

    public bool Pending => !string.Equals(BaselineBlob, AgentBlob, StringComparison.Ordinal);
}
