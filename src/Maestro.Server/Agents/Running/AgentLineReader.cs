using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Maestro.Server.Agents.Running;

/// <summary>
/// Reads an agent's output as lines without trusting it: bytes that are not UTF-8 become U+FFFD, and a line longer
/// than the limit is skipped as it streams (only its length is reported) instead of being gathered in memory: one
/// 300 MB line once took 2.5 GB.
/// </summary>
public static class AgentLineReader
{
    private static readonly Encoding Lenient = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <param name="onLine">Each line, without its line break.</param>
    /// <param name="onDiscarded">The length in bytes of each line that was over the limit and skipped.</param>
    public static async Task ReadAsync(Stream stream, int maxLineBytes, Func<string, CancellationToken, Task> onLine, Func<long, CancellationToken, Task> onDiscarded, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        long discarding = -1; // the bytes skipped so far of an overlong line, or -1
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    var line = buffer.Slice(0, end);
                    if (discarding >= 0)
                    {
                        await onDiscarded(discarding + line.Length, cancellationToken);
                        discarding = -1;
                    }
                    else if (line.Length > maxLineBytes)
                    {
                        await onDiscarded(line.Length, cancellationToken);
                    }
                    else
                    {
                        await onLine(Decode(line), cancellationToken);
                    }

                    buffer = buffer.Slice(buffer.GetPosition(1, end));
                }

                if (discarding >= 0 || buffer.Length > maxLineBytes)
                {
                    // No line break within the limit: drop what is here and keep dropping up to the next one.
                    discarding = Math.Max(discarding, 0) + buffer.Length;
                    buffer = buffer.Slice(buffer.End);
                }

                if (read.IsCompleted)
                {
                    if (discarding >= 0)
                    {
                        await onDiscarded(discarding, cancellationToken);
                    }
                    else if (buffer.Length > 0)
                    {
                        await onLine(Decode(buffer), cancellationToken);
                    }

                    return;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static string Decode(ReadOnlySequence<byte> line)
    {
        var text = Lenient.GetString(line);
        return text.EndsWith('\r') ? text[..^1] : text;
    }
}
