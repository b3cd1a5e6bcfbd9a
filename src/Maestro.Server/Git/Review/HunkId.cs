using System.Security.Cryptography;
using System.Text;

namespace Maestro.Server.Git.Review;

/// <summary>
/// Stable hunk ids: SHA-256 (first 16 hex digits) of the path, the hunk's position and its content (context,
/// removed and added lines, byte for byte). The position is the hunk's ordinal among the hunks of identical
/// content in the file, not its line numbers: accepting or rejecting one hunk shifts the line numbers of the
/// hunks after it, and their ids must survive that. Any edit inside a hunk or its context changes its id.
/// </summary>
internal static class HunkId
{
    public static IReadOnlyList<DiffHunk> Assign(string path, IReadOnlyList<DiffHunk> hunks)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<DiffHunk>(hunks.Count);
        foreach (var hunk in hunks)
        {
            var content = Content(hunk);
            seen.TryGetValue(content, out var occurrence);
            seen[content] = occurrence + 1;
            result.Add(hunk with { Id = Hash(path, occurrence, content) });
        }

        return result;
    }

    private static string Content(DiffHunk hunk)
    {
        var builder = new StringBuilder();
        foreach (var line in hunk.Lines)
        {
            builder.Append(line.Op).Append(line.Text).Append('\0');
        }

        return builder.ToString();
    }

    private static string Hash(string path, int occurrence, string content)
    {
        var bytes = Encoding.Latin1.GetBytes(content);
        var header = Encoding.UTF8.GetBytes(path + "\0" + occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\0");
        Span<byte> digest = stackalloc byte[32];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(header);
        sha.AppendData(bytes);
        sha.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..8]);
    }
}
