namespace Maestro.Server.Playbooks.Documents;

/// <summary>
/// The one edit Maestro makes to a document: the mark between a checkbox's brackets becomes <c>x</c> or a space.
/// For an <c>x</c>, <c>X</c> or space the file keeps its length, line endings and every other byte; a <c>✓</c> or
/// <c>✔</c> (three bytes) becomes a space, so that file is two bytes shorter (<see cref="CheckboxWriter"/>).
/// </summary>
public static class CheckboxEdit
{
    public const byte CheckedMark = (byte)'x';
    public const byte UncheckedMark = (byte)' ';

    /// <summary>Whether <paramref name="offset"/> holds a checkbox mark: <c>[</c>, then space, x, X, ✓ or ✔, then <c>]</c>.</summary>
    public static bool IsMarkAt(ReadOnlySpan<byte> bytes, long offset) => DoneMarks.LengthAt(bytes, offset) > 0;

    /// <summary>
    /// Sets the task's box in place when its mark is one byte; returns false (and changes nothing) when the bytes are
    /// not its checkbox, or when the mark is a three-byte ✓/✔ that must be unchecked (the writer shortens the file).
    /// </summary>
    public static bool TrySet(Span<byte> bytes, DocumentTask task, bool check)
    {
        var length = DoneMarks.LengthAt(bytes, task.MarkOffset);
        if (length == 3)
        {
            return check; // ✓ and ✔ are checked already
        }

        if (length != 1)
        {
            return false;
        }

        var current = bytes[(int)task.MarkOffset];
        var isChecked = current is (byte)'x' or (byte)'X';
        if (isChecked != check)
        {
            bytes[(int)task.MarkOffset] = check ? CheckedMark : UncheckedMark;
        }

        return true;
    }
}
