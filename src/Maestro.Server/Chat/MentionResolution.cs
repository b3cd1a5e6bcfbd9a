namespace Maestro.Server.Chat;

/// <summary>A message's mentions sorted out against the room: who it addresses, who has left, who never was here.</summary>
public sealed record MentionResolution(IReadOnlyList<string> Targets, IReadOnlyList<string> Removed, IReadOnlyList<string> Unknown)
{
    /// <summary>Resolves <paramref name="text"/>'s mentions; "@all" is every present participant but <paramref name="author"/>.</summary>
    public static MentionResolution Resolve(string text, IReadOnlyList<ChatParticipantRecord> participants, string? author = null)
    {
        var present = participants.Where(p => p.RemovedAt is null).ToList();
        var targets = new List<string>();
        var removed = new List<string>();
        var unknown = new List<string>();
        foreach (var mention in Mentions.Parse(text))
        {
            if (string.Equals(mention, Mentions.All, StringComparison.OrdinalIgnoreCase))
            {
                targets.AddRange(present.Select(p => p.Alias).Where(a => a != author && !targets.Contains(a)));
                continue;
            }

            var match = participants.FirstOrDefault(p => string.Equals(p.Alias, mention, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                if (!string.Equals(mention, author, StringComparison.OrdinalIgnoreCase) && !Mentions.Reserved.Contains(mention, StringComparer.OrdinalIgnoreCase))
                {
                    unknown.Add(mention);
                }
            }
            else if (match.RemovedAt is not null)
            {
                removed.Add(match.Alias);
            }
            else if (match.Alias != author && !targets.Contains(match.Alias))
            {
                targets.Add(match.Alias);
            }
        }

        return new MentionResolution(targets, removed, unknown);
    }

    public bool Mentioned => Targets.Count + Removed.Count + Unknown.Count > 0;
}
