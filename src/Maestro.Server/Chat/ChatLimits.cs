namespace Maestro.Server.Chat;

/// <summary>The room's bounds, each named in the error that enforces it.</summary>
public static class ChatLimits
{
    public const int DefaultMaxRounds = 6;
    public const int MaxMaxRounds = 100;

    /// <summary>A message is what a person or an agent writes in a conversation, not a file; a bigger one is refused.</summary>
    public const int MaxMessageChars = 256 * 1024;

    public const int MaxParticipants = 16;

    public const int DefaultHistoryLimit = 500;
    public const int MaxHistoryLimit = 5000;

    /// <summary>The room messages one prompt carries at most; older ones are summarised as a count.</summary>
    public const int MaxContextMessages = 50;
}
