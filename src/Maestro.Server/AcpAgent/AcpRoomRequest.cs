namespace Maestro.Server.AcpAgent;

/// <summary>
/// What <c>/room @a @b=codex [first message]</c> asks for: the participants, in the order written (each an alias and,
/// after <c>=</c>, the agent; without one the alias names the agent; <c>@ALIAS@HOST</c> puts its session on an SSH
/// host), then the message to post first, if any. The participants are the leading <c>@</c> words; the first other
/// word, or an alias written twice, starts the message.
/// </summary>
public sealed record AcpRoomRequest(IReadOnlyList<AcpRoomRequest.Participant> Participants, string Message)
{
    public sealed record Participant(string Alias, string? AgentId, string? Host = null);

    public static AcpRoomRequest Parse(string argument)
    {
        var participants = new List<Participant>();
        var rest = argument.TrimStart();
        while (rest.StartsWith('@'))
        {
            var end = rest.IndexOfAny([' ', '\n', '\t', '\r']);
            var word = end < 0 ? rest : rest[..end];
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            var (alias, host) = Chat.ChatParticipantSyntax.SplitHost(eq < 0 ? word[1..] : word[1..eq]);
            if (alias.Length == 0 || participants.Any(p => p.Alias == alias))
            {
                break;
            }

            participants.Add(new Participant(alias, eq < 0 ? null : word[(eq + 1)..], string.IsNullOrEmpty(host) ? null : host));
            rest = end < 0 ? string.Empty : rest[end..].TrimStart();
        }

        return new AcpRoomRequest(participants, rest.Trim());
    }

    /// <summary>
    /// The agent a participant without <c>=AGENT</c> gets: the agent of that id, else the one agent whose id starts with
    /// the alias (<c>@claude</c> is claude-code); null when none or several do.
    /// </summary>
    public static string? AgentFor(string alias, IReadOnlyCollection<string> agentIds)
    {
        if (agentIds.Contains(alias))
        {
            return alias;
        }

        var prefixed = agentIds.Where(id => id.StartsWith(alias, StringComparison.Ordinal)).ToList();
        return prefixed.Count == 1 ? prefixed[0] : null;
    }
}
