using Maestro.Protocol;
using Maestro.Server.Playbooks.Documents;
using Maestro.Server.Playbooks.Loading;

namespace Maestro.Server.Playbooks.Runs;

/// <summary>
/// Every task of a run (<c>runs/tasks</c>): the documents as they read now say which tasks there are and which are
/// checked; the run's attempts (<c>run_tasks</c>) say which it gave to an agent, in which sessions, and which failed;
/// the live run says which one runs now or waits at a gate. An attempt whose task is gone from its document (edited
/// away, or the document removed) is still listed, after the documents' tasks, so no session of the run is lost.
/// </summary>
internal static class RunTaskList
{
    public static IReadOnlyList<RunTaskEntry> Build(Run run, Playbook? playbook, IReadOnlyList<RunTaskRecord> attempts)
    {
        var active = run.Status is RunStatus.Running or RunStatus.Waiting;
        var entries = new List<RunTaskEntry>();
        var placed = new HashSet<RunTaskRecord>();
        foreach (var document in playbook?.Documents ?? [])
        {
            // Each attempt belongs to the task it names, found again as the run itself finds it (the text, the nearest position).
            var byTask = attempts
                .Where(a => a.Document == document.Path)
                .Select(a => (Attempt: a, Task: TaskMatcher.Find(document.Parsed, a.Text, a.Ordinal)))
                .Where(x => x.Task is not null)
                .ToLookup(x => x.Task!.Ordinal, x => x.Attempt);
            foreach (var task in document.Parsed.Tasks)
            {
                var mine = byTask[task.Ordinal].OrderBy(a => a.Seq).ToList();
                placed.UnionWith(mine);
                entries.Add(new RunTaskEntry
                {
                    Document = document.Path,
                    Line = task.Line,
                    Text = task.Text,
                    State = StateOf(run, active, document, task, mine),
                    Attempts = [.. mine.Select(ToAttempt)],
                });
            }
        }

        foreach (var gone in attempts.Where(a => !placed.Contains(a)).GroupBy(a => (a.Document, a.Text)))
        {
            var mine = gone.OrderBy(a => a.Seq).ToList();
            var last = mine[^1];
            entries.Add(new RunTaskEntry
            {
                Document = last.Document,
                Line = last.Line,
                Text = last.Text,
                State = last.Status switch
                {
                    RunTaskStatus.Done => RunTaskState.Done,
                    RunTaskStatus.Failed => RunTaskState.Failed,
                    RunTaskStatus.Running when active => RunTaskState.Running,
                    _ => active ? RunTaskState.Pending : RunTaskState.Skipped,
                },
                Attempts = [.. mine.Select(ToAttempt)],
            });
        }

        return entries;
    }

    private static RunTaskState StateOf(Run run, bool active, PlaybookDocument document, DocumentTask task, IReadOnlyList<RunTaskRecord> attempts)
    {
        if (run.Status == RunStatus.Waiting && run.Gate is { } gate && Is(gate.Task, document, task))
        {
            return RunTaskState.Waiting;
        }

        if (active && run.CurrentTask is { } current && Is(current, document, task))
        {
            return RunTaskState.Running;
        }

        if (task.Checked)
        {
            return RunTaskState.Done;
        }

        // Failed in this pass (a later loop unchecks every box and gives every task another go).
        if (attempts.LastOrDefault(a => a.Loop == run.Loop) is { Status: RunTaskStatus.Failed })
        {
            return RunTaskState.Failed;
        }

        return active ? RunTaskState.Pending : RunTaskState.Skipped;
    }

    /// <summary>Whether a task the run names (current, gated) is this one: same document and text, the same line when the text repeats.</summary>
    private static bool Is(RunTask named, PlaybookDocument document, DocumentTask task)
    {
        if (named.Document != document.Path || named.Text != task.Text)
        {
            return false;
        }

        var sameText = document.Parsed.Tasks.Where(t => t.Text == task.Text).ToList();
        return sameText.Count == 1 || named.Line == task.Line || (!sameText.Any(t => t.Line == named.Line) && sameText[0] == task);
    }

    private static RunTaskAttempt ToAttempt(RunTaskRecord a) => new()
    {
        Attempt = a.Attempt,
        Loop = a.Loop,
        SessionId = a.SessionId,
        Message = a.Status is RunTaskStatus.Running or RunTaskStatus.Done ? null : a.Message,
    };
}
