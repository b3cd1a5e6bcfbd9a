namespace Maestro.Server.Playbooks.Documents;

/// <summary>
/// Writes one checkbox to a file. The file is read, the task found again and its mark checked through one open
/// handle, then the mark is written in place: for <c>x</c>, <c>X</c> or a space that is one byte and the file is
/// never truncated or rewritten, so a concurrent save by an editor (which replaces the file) cannot be lost to it.
/// A <c>✓</c>/<c>✔</c> (three bytes) unchecked for a loop becomes one space: the rest of the file moves up two bytes
/// through the same handle.
/// </summary>
public static class CheckboxWriter
{
    /// <summary>Sets the box of the task with <paramref name="text"/> (found near <paramref name="ordinal"/>).</summary>
    /// <returns>The task as it is after the write, or null when the document no longer has it.</returns>
    public static async Task<DocumentTask?> SetAsync(string path, string text, int ordinal, bool check, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
        var bytes = new byte[stream.Length];
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        var task = TaskMatcher.Find(TaskListParser.Parse(bytes), text, ordinal);
        if (task is null)
        {
            return null;
        }

        if (task.Checked == check)
        {
            return task;
        }

        var offset = (int)task.MarkOffset;
        if (DoneMarks.LengthAt(bytes, offset) == 3)
        {
            // Unchecking a ✓ or ✔: a space in its place, the rest of the file two bytes earlier.
            stream.Position = offset;
            await stream.WriteAsync(new[] { CheckboxEdit.UncheckedMark }, cancellationToken);
            await stream.WriteAsync(bytes.AsMemory(offset + 3), cancellationToken);
            stream.SetLength(bytes.Length - 2);
            await stream.FlushAsync(cancellationToken);
            return task with { Checked = false };
        }

        if (!CheckboxEdit.TrySet(bytes, task, check))
        {
            throw new InvalidOperationException($"The checkbox of '{text}' in {path} is not where the parser put it (byte {task.MarkOffset}); nothing was written.");
        }

        stream.Position = task.MarkOffset;
        await stream.WriteAsync(bytes.AsMemory(offset, 1), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        return task with { Checked = check };
    }
}
