namespace Maestro.Server.Playbooks.Documents;

/// <summary>
/// The marks that say a task is done. GitHub's are <c>x</c> and <c>X</c>; the Maestro desktop app (the anchor) also
/// writes <c>✓</c> (U+2713) and <c>✔</c> (U+2714), three bytes each in UTF-8, so a document written there is read as it is.
/// </summary>
public static class DoneMarks
{
    /// <summary>The UTF-8 bytes both check marks share before their last byte.</summary>
    private static ReadOnlySpan<byte> CheckMarkPrefix => [0xE2, 0x9C];

    /// <summary>The text with every <c>[✓]</c> and <c>[✔]</c> as <c>[x]</c>: same length, so positions carry over.</summary>
    public static string AsX(string text)
    {
        if (text.AsSpan().IndexOfAny('\u2713', '\u2714') < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 1; i + 1 < chars.Length; i++)
        {
            if (chars[i] is '\u2713' or '\u2714' && chars[i - 1] == '[' && chars[i + 1] == ']')
            {
                chars[i] = 'x';
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// How many bytes the mark at <paramref name="offset"/> takes between its brackets: 1 for a space, x or X, 3 for
    /// ✓ or ✔; 0 when the bytes there are no checkbox.
    /// </summary>
    public static int LengthAt(ReadOnlySpan<byte> bytes, long offset)
    {
        if (offset < 1 || offset >= bytes.Length || bytes[(int)offset - 1] != (byte)'[')
        {
            return 0;
        }

        var at = (int)offset;
        if (bytes[at] is (byte)' ' or (byte)'x' or (byte)'X')
        {
            return at + 1 < bytes.Length && bytes[at + 1] == (byte)']' ? 1 : 0;
        }

        return at + 3 < bytes.Length && bytes[at..].StartsWith(CheckMarkPrefix) && bytes[at + 2] is 0x93 or 0x94 && bytes[at + 3] == (byte)']' ? 3 : 0;
    }
}
