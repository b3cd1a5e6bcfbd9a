namespace Maestro.Server.Chat;

/// <summary>What one agent turn said: its assistant text, and whether it was cancelled or failed.</summary>
public sealed record TurnReply(string Text, bool Cancelled, bool Failed);
