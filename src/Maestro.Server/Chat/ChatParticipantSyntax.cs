namespace Maestro.Server.Chat;

/// <summary>
/// How a participant names a host where it is written as text: <c>ALIAS@HOST</c> on the alias side
/// (<c>maestro chat create -p b@box=codex</c>, ACP's <c>/room @b@box=codex</c> or <c>@codex@box</c>), "b at box".
/// The alias side, because the agent side is taken: agent ids may hold ':' (<c>acp:NAME</c>) and the CLI reads
/// <c>AGENT@BRANCH</c> as a worktree; aliases and host names hold neither '@' nor '='.
/// </summary>
public static class ChatParticipantSyntax
{
    /// <summary>The alias and the host (null when none is written; empty when the '@' has nothing after it).</summary>
    public static (string Alias, string? Host) SplitHost(string aliasPart)
    {
        var at = aliasPart.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (aliasPart, null) : (aliasPart[..at], aliasPart[(at + 1)..]);
    }
}
