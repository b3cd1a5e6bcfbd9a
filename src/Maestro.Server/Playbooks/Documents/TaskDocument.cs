namespace Maestro.Server.Playbooks.Documents;

/// <summary>A parsed markdown document: its text, its tasks in source order, and its YAML front matter if any.</summary>
public sealed record TaskDocument
{
    public required string Text { get; init; }

    public required IReadOnlyList<DocumentTask> Tasks { get; init; }

    /// <summary>The YAML between the <c>---</c> fences at the top, without them; null when there is none.</summary>
    public string? FrontMatter { get; init; }

    /// <summary>1-based line of the first YAML line, so errors in it name the file's line.</summary>
    public int FrontMatterLine { get; init; }

    /// <summary>The text after the front matter: what an agent is shown as context.</summary>
    public required string Body { get; init; }

    public int DoneCount => Tasks.Count(t => t.Checked);
}
