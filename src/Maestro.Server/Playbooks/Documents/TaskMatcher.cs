namespace Maestro.Server.Playbooks.Documents;

/// <summary>
/// Finds a task again after the document was re-read: the user may have added or removed lines, or the agent
/// may have appended a note to the task's line. A task is the same when its text is the same (or starts with the
/// old text); of several such, the one whose position among the tasks is nearest to the old one.
/// </summary>
public static class TaskMatcher
{
    public static DocumentTask? Find(TaskDocument document, string text, int ordinal)
    {
        var exact = Nearest(document.Tasks.Where(t => t.Text == text), ordinal);
        return exact ?? Nearest(document.Tasks.Where(t => t.Text.StartsWith(text, StringComparison.Ordinal)), ordinal);
    }

    private static DocumentTask? Nearest(IEnumerable<DocumentTask> candidates, int ordinal)
        => candidates.OrderBy(t => Math.Abs(t.Ordinal - ordinal)).ThenBy(t => t.Ordinal).FirstOrDefault();
}
