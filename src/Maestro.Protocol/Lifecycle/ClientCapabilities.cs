namespace Maestro.Protocol;

public sealed record ClientCapabilities
{
    /// <summary>The client answers <c>permissions/request</c>.</summary>
    public bool Permissions { get; init; }

    /// <summary>The client shows inline diffs and listens to <c>review/changed</c>.</summary>
    public bool InlineDiff { get; init; }
}
