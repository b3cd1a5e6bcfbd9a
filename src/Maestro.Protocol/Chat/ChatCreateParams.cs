namespace Maestro.Protocol;

public sealed record ChatCreateParams
{
    public required string Name { get; init; }

    /// <summary>The folder the participants' sessions work in (or branch their worktrees from).</summary>
    public required string Cwd { get; init; }

    public required IReadOnlyList<ChatParticipantSpec> Participants { get; init; }

    public ChatModerator? Moderator { get; init; }

    /// <summary>Agent turns one user message may lead to through hand-offs; 6 when absent.</summary>
    public int? MaxRounds { get; init; }

    /// <summary>Mentioned participants answer at once instead of in the order written.</summary>
    public bool? Parallel { get; init; }

    /// <summary>Creates the room on this host (<c>hosts/add</c>): its participants' sessions run there, <c>cwd</c> is a path there.</summary>
    public string? Host { get; init; }
}
