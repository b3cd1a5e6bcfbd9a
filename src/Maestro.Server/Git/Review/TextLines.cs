using System.Text;

namespace Maestro.Server.Git.Review;

/// <summary>
/// A file's bytes as lines that keep their own terminators ("\n", "\r\n", or none on a last line without a
/// newline). Each line is a Latin-1 string: one char per byte, so splitting and joining give back exactly the
/// bytes, whatever the encoding, line endings or final newline.
/// </summary>
internal static class TextLines
{
    /// <summary>git's rule: a NUL byte in the first 8000 bytes makes a file binary.</summary>
    private const int BinaryProbeLength = 8000;

    public static bool IsBinary(ReadOnlySpan<byte> content)
        => content[..Math.Min(content.Length, BinaryProbeLength)].Contains((byte)0);

    public static string[] Split(ReadOnlySpan<byte> content)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < content.Length)
        {
            var newline = content[start..].IndexOf((byte)'\n');
            var end = newline < 0 ? content.Length : start + newline + 1;
            lines.Add(Encoding.Latin1.GetString(content[start..end]));
            start = end;
        }

        return [.. lines];
    }

    public static byte[] Join(IEnumerable<string> lines)
    {
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line);
        }

        return Encoding.Latin1.GetBytes(builder.ToString());
    }

    /// <summary>A line as an editor shows it: decoded as UTF-8, without its terminator.</summary>
    public static string Display(string line)
    {
        var length = line.Length;
        if (length > 0 && line[length - 1] == '\n')
        {
            length--;
            if (length > 0 && line[length - 1] == '\r')
            {
                length--;
            }
        }

        return Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(line, 0, length));
    }

    /// <summary>A whole file's text as an editor holds it: UTF-8, line endings kept (for <c>apply: false</c> answers).</summary>
    public static string Decode(byte[] content) => Encoding.UTF8.GetString(content);

    public static bool HasNewline(string line) => line.Length > 0 && line[^1] == '\n';
}
