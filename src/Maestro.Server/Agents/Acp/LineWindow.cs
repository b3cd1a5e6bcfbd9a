using System.Text;
using Maestro.Server.Errors;

namespace Maestro.Server.Agents.Acp;

/// <summary>
/// Lines <c>first</c> to <c>first + count - 1</c> (1-based, split on '\n' and joined back with it) of a text
/// stream, read only as far as needed and never more than a ceiling of characters, so a huge file or one endless
/// line cannot fill the daemon's memory.
/// </summary>
internal static class LineWindow
{
    public static async Task<string> ReadAsync(TextReader reader, long first, long count, long maxChars, string path, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new char[16 * 1024];
        long line = 1;
        var end = count == long.MaxValue ? long.MaxValue : first + count;
        int read;
        while (line < end && (read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            for (var i = 0; i < read && line < end; i++)
            {
                var c = buffer[i];
                if (c == '\n')
                {
                    line++;
                    if (line > first && line < end)
                    {
                        text.Append('\n');
                    }
                }
                else if (line >= first)
                {
                    text.Append(c);
                }
            }

            if (text.Length > maxChars)
            {
                throw new InvalidParamsException($"'{path}' has more than {maxChars:N0} characters in the lines asked for; ask for fewer lines (line, limit).");
            }
        }

        return text.ToString();
    }
}
