namespace Maestro.Server.Playbooks.Documents;

/// <summary>
/// The one edit Maestro makes to a document: the single byte between a checkbox's brackets becomes
/// <c>x</c> or a space. The file keeps its length, line endings and every other byte.
/// </summary>
public static class CheckboxEdit
{
    public const byte CheckedMark = (byte)'x';
    public const byte UncheckedMark = (byte)' ';

    /// <summary>Whether <paramref name="offset"/> holds a checkbox mark: <c>[</c>, then space, x or X, then <c>]</c>.</summary>
    public static bool IsMarkAt(ReadOnlySpan<byte> bytes, long offset)
        => offset >= 1 && offset + 1 < bytes.Length
           && bytes[(int)offset - 1] == (byte)'['
           && bytes[(int)offset + 1] == (byte)']'
           && bytes[(int)offset] is (byte)' ' or (byte)'x' or (byte)'X';

    /// <summary>Sets the task's box in place; returns false (and changes nothing) when the bytes are not its checkbox.</summary>
    public static bool TrySet(Span<byte> bytes, DocumentTask task, bool check)
    {
        if (!IsMarkAt(bytes, task.MarkOffset))
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
