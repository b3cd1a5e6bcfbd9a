namespace Maestro.Server.Playbooks.Documents;

/// <summary>One GitHub task list item of a document, with where its checkbox sits in the file's bytes.</summary>
/// <param name="Ordinal">0-based position among the document's tasks, in source order.</param>
/// <param name="Line">1-based line of the checkbox.</param>
/// <param name="Text">The item's text after the checkbox, whitespace collapsed to single spaces.</param>
/// <param name="Checked">Whether the box holds <c>x</c>, <c>X</c>, <c>✓</c> or <c>✔</c>.</param>
/// <param name="Depth">0 for a top-level item, 1 for an item nested one list deep, and so on.</param>
/// <param name="MarkOffset">Byte offset in the file of the character between the brackets (the space or the x).</param>
/// <param name="Section">The headings above the task, outermost first, joined by " > "; empty when none.</param>
public sealed record DocumentTask(int Ordinal, int Line, string Text, bool Checked, int Depth, long MarkOffset, string Section);
