using System.Text;
using Maestro.Protocol;

namespace Maestro.Server.Chat;

/// <summary>The prompts a room sends: to a participant (what it missed, labelled by author) and to the moderator.</summary>
public static class ChatPrompts
{
    public const string RoutingRule = "Name who should answer by writing @alias (one or more of the aliases above, or @all). Answer with the mentions and at most one sentence.";

    /// <summary>A participant's turn: who it is, who else is here, and the room's messages since its last turn.</summary>
    public static string ForParticipant(ChatRoomRecord room, string alias, IReadOnlyList<ChatParticipantRecord> present, IReadOnlyList<ChatMessage> since)
    {
        var prompt = new StringBuilder();
        prompt.Append("You are @").Append(alias).Append(" in the group chat room \"").Append(room.Name).AppendLine("\".");
        prompt.Append("Participants: ").AppendLine(string.Join(", ", present.Select(p => $"@{p.Alias} ({p.AgentId})")));
        prompt.AppendLine("To hand the floor to another participant, mention them as @alias in your reply; mention no one to give it back to the user.");
        prompt.AppendLine();
        prompt.AppendLine("Messages since your last turn:");
        AppendMessages(prompt, since);
        prompt.AppendLine();
        prompt.Append("Reply to the room as @").Append(alias).AppendLine(".");
        return prompt.ToString();
    }

    /// <summary>The moderator's turn: the participants and the recent messages; its reply's mentions decide who answers.</summary>
    public static string ForModerator(ChatRoomRecord room, IReadOnlyList<ChatParticipantRecord> present, IReadOnlyList<ChatMessage> recent, bool retry)
    {
        var prompt = new StringBuilder();
        if (retry)
        {
            prompt.AppendLine("Your last reply named no participant, so nobody was asked. " + RoutingRule);
            prompt.Append("Participants: ").AppendLine(string.Join(", ", present.Select(p => "@" + p.Alias)));
            return prompt.ToString();
        }

        prompt.Append("You moderate the group chat room \"").Append(room.Name).AppendLine("\". You do not answer messages yourself: you decide which participants answer.");
        prompt.Append("Participants: ").AppendLine(string.Join(", ", present.Select(p => $"@{p.Alias} ({p.AgentId})")));
        prompt.AppendLine(RoutingRule);
        prompt.AppendLine();
        prompt.AppendLine("Recent messages:");
        AppendMessages(prompt, recent);
        return prompt.ToString();
    }

    private static void AppendMessages(StringBuilder prompt, IReadOnlyList<ChatMessage> messages)
    {
        var shown = messages.Count > ChatLimits.MaxContextMessages ? messages.Skip(messages.Count - ChatLimits.MaxContextMessages).ToList() : messages;
        if (shown.Count < messages.Count)
        {
            prompt.Append('(').Append(messages.Count - shown.Count).AppendLine(" earlier messages are left out; the room's history has them.)");
        }

        foreach (var message in shown)
        {
            prompt.Append('[').Append(message.Author == "user" || message.Author == "system" || message.Author == "moderator" ? message.Author : "@" + message.Author).Append("]: ").AppendLine(message.Text);
        }
    }
}
