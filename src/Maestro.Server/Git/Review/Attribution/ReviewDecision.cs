namespace Maestro.Server.Git.Review.Attribution;

/// <summary>One accept or reject call: what <c>review/undo</c> takes back as a whole.</summary>
internal sealed record ReviewDecision(string Id, string Root, string Kind, IReadOnlyList<DecisionFile> Files)
{
    public const string Accept = "accept";
    public const string Reject = "reject";

    public bool Undone { get; init; }
}
