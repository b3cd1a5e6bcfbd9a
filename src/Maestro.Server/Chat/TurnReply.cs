namespace Maestro.Server.Chat;

/// <summary>
/// What one agent turn said: its assistant text, and whether it was cancelled or failed; <see cref="NotStarted"/>
/// says why a turn never ran (its session or its host could not be reached).
/// </summary>
public sealed record TurnReply(string Text, bool Cancelled, bool Failed, string? NotStarted = null);
