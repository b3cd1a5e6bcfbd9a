using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Text;

namespace Maestro.Server.Rpc;

/// <summary>
/// Reads <c>Content-Length</c> framed messages (the Language Server Protocol's base protocol) and
/// survives bad input: a malformed header is skipped up to the next <c>Content-Length:</c>, an
/// oversized body is drained without being buffered, a stream cut short ends cleanly.
/// </summary>
internal sealed class LspFrameReader
{
    private const int MaxHeaderBytes = 8 * 1024;
    /// <summary>What <see cref="ParseHeaders"/> leaves as the length when the header names two.</summary>
    private const long DuplicateLength = -2;

    private static readonly byte[] ContentLengthName = "Content-Length:"u8.ToArray();
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly PipeReader reader;
    private readonly int maxBodyBytes;

    public LspFrameReader(PipeReader reader, int maxBodyBytes)
    {
        this.reader = reader;
        this.maxBodyBytes = maxBodyBytes;
    }

    /// <summary>True when the stream ended part-way through a frame (logged by the caller).</summary>
    public bool EndedMidFrame { get; private set; }

    public async ValueTask<LspFrame> ReadAsync(CancellationToken cancellationToken)
    {
        // 1. The header block, up to the blank line.
        long contentLength;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var end = IndexOf(buffer, HeaderEnd);
            if (end < 0)
            {
                if (result.IsCompleted)
                {
                    EndedMidFrame = !buffer.IsEmpty && !IsWhitespace(buffer);
                    reader.AdvanceTo(buffer.End);
                    return LspFrame.EndOfStream;
                }

                if (buffer.Length > MaxHeaderBytes)
                {
                    var problem = $"no header end within {MaxHeaderBytes} bytes";
                    SkipToNextHeader(buffer, 1);
                    return new LspFrame(LspFrameKind.BadHeader, Problem: problem);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            var headerBytes = buffer.Slice(0, end).ToArray();
            var parsed = ParseHeaders(headerBytes, out contentLength, out var error);
            if (!parsed && contentLength == DuplicateLength)
            {
                // A well-formed header that says two lengths: skip the header; its body, not starting with a header,
                // is then skipped as garbage up to the next frame.
                reader.AdvanceTo(buffer.GetPosition(end + HeaderEnd.Length));
                return new LspFrame(LspFrameKind.BadHeader, Problem: error);
            }

            if (!parsed)
            {
                // Garbage before a real header: skip to the next Content-Length after the garbage's start.
                SkipToNextHeader(buffer, 1);
                return new LspFrame(LspFrameKind.BadHeader, Problem: error);
            }

            reader.AdvanceTo(buffer.GetPosition(end + HeaderEnd.Length));
            break;
        }

        // 2. The body: drained when too large, else read whole.
        if (contentLength > maxBodyBytes)
        {
            var remaining = contentLength;
            while (remaining > 0)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var take = Math.Min(remaining, result.Buffer.Length);
                reader.AdvanceTo(result.Buffer.GetPosition(take));
                remaining -= take;
                if (result.IsCompleted && remaining > 0)
                {
                    EndedMidFrame = true;
                    return LspFrame.EndOfStream;
                }
            }

            return new LspFrame(LspFrameKind.TooLarge, Length: contentLength);
        }

        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length >= contentLength)
            {
                var body = buffer.Slice(0, contentLength).ToArray();
                reader.AdvanceTo(buffer.GetPosition(contentLength));
                return new LspFrame(LspFrameKind.Message, body, contentLength);
            }

            if (result.IsCompleted)
            {
                EndedMidFrame = true;
                reader.AdvanceTo(buffer.End);
                return LspFrame.EndOfStream;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool ParseHeaders(byte[] headerBytes, out long contentLength, out string? error)
    {
        contentLength = -1;
        error = null;
        var text = Encoding.ASCII.GetString(headerBytes);
        foreach (var line in text.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                error = $"malformed header line '{Truncate(line)}'";
                return false;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (contentLength >= 0)
                {
                    // Two lengths: whichever one a reader picks, another reader may pick the other (request smuggling).
                    error = "the header has more than one Content-Length";
                    contentLength = DuplicateLength;
                    return false;
                }

                if (!Utf8Parser.TryParse(Encoding.ASCII.GetBytes(value), out long length, out var consumed) || consumed != value.Length || length < 0)
                {
                    error = $"Content-Length '{Truncate(value)}' is not a non-negative integer";
                    return false;
                }

                contentLength = length;
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                if (value.Contains("charset", StringComparison.OrdinalIgnoreCase)
                    && !value.Contains("utf-8", StringComparison.OrdinalIgnoreCase)
                    && !value.Contains("utf8", StringComparison.OrdinalIgnoreCase))
                {
                    error = $"only UTF-8 content is accepted, not '{Truncate(value)}'";
                    return false;
                }
            }
        }

        if (contentLength < 0)
        {
            error = "the header has no Content-Length";
            return false;
        }

        return true;
    }

    /// <summary>Consumes bytes up to the next <c>Content-Length:</c> at or after <paramref name="from"/>, or all but a possible partial match.</summary>
    private void SkipToNextHeader(ReadOnlySequence<byte> buffer, long from)
    {
        var rest = buffer.Slice(Math.Min(from, buffer.Length));
        var next = IndexOf(rest, ContentLengthName);
        if (next >= 0)
        {
            reader.AdvanceTo(rest.GetPosition(next));
        }
        else
        {
            // Keep only a tail that may be the start of a header split across reads.
            var keep = PartialHeaderSuffixLength(rest);
            reader.AdvanceTo(rest.GetPosition(rest.Length - keep), rest.End);
        }
    }

    private static int PartialHeaderSuffixLength(ReadOnlySequence<byte> rest)
    {
        var tailLength = (int)Math.Min(rest.Length, ContentLengthName.Length - 1);
        var tail = rest.Slice(rest.Length - tailLength).ToArray();
        for (var k = tailLength; k > 0; k--)
        {
            if (tail.AsSpan(tailLength - k).SequenceEqual(ContentLengthName.AsSpan(0, k)))
            {
                return k;
            }
        }

        return 0;
    }

    private static long IndexOf(ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> value)
    {
        if (buffer.IsSingleSegment)
        {
            return buffer.FirstSpan.IndexOf(value);
        }

        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> before, value, advancePastDelimiter: false) ? before.Length : -1;
    }

    private static bool IsWhitespace(ReadOnlySequence<byte> buffer)
    {
        foreach (var segment in buffer)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string Truncate(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
