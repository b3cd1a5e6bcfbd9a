using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Maestro.Server.Agents.Running;
using Microsoft.Extensions.Logging;

namespace Maestro.Server.Agents.Acp;

/// <summary>
/// Stands between an ACP agent's stdio and the JSON-RPC connection, so one bad line costs only itself: a line that is
/// not a JSON object, a response to a request Maestro never sent (or already had answered), or a line over the length
/// limit is logged and dropped instead of dropping the connection; bytes that are not UTF-8 become U+FFFD. It also
/// holds the agent back (stops reading its stdout) while the turn's updates wait to be stored.
/// </summary>
internal sealed class AcpLineFilter
{
    private readonly ConcurrentDictionary<string, byte> outstanding = new(StringComparer.Ordinal);
    private readonly int maxLineBytes;
    private readonly AcpClientTarget target;
    private readonly ILogger logger;

    public AcpLineFilter(int maxLineBytes, AcpClientTarget target, ILogger logger)
    {
        this.maxLineBytes = maxLineBytes;
        this.target = target;
        this.logger = logger;
    }

    /// <summary>Maestro to agent: remembers the id of every request on its way out.</summary>
    public async Task ToAgentAsync(PipeReader fromRpc, Stream agentStdin, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var read = await fromRpc.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                while (buffer.PositionOf((byte)'\n') is { } end)
                {
                    var line = buffer.Slice(0, buffer.GetPosition(1, end));
                    RememberRequest(line);
                    foreach (var segment in line)
                    {
                        await agentStdin.WriteAsync(segment, cancellationToken);
                    }

                    buffer = buffer.Slice(line.End);
                }

                await agentStdin.FlushAsync(cancellationToken);
                if (read.IsCompleted)
                {
                    return;
                }

                fromRpc.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (IOException)
        {
            // The agent closed its stdin (it exited): nothing more can reach it.
        }
        finally
        {
            await fromRpc.CompleteAsync();
        }
    }

    /// <summary>Agent to Maestro: forwards each acceptable line to the connection.</summary>
    public Task FromAgentAsync(Stream agentStdout, PipeWriter toRpc, CancellationToken cancellationToken)
        => AgentLineReader.ReadAsync(
            agentStdout,
            maxLineBytes,
            async (line, ct) =>
            {
                if (!Accept(line, out var isUpdate))
                {
                    return;
                }

                if (isUpdate)
                {
                    await target.WaitForRoomAsync(ct);
                    target.UpdateForwarded();
                }

                await toRpc.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), ct);
            },
            (length, _) =>
            {
                logger.LogWarning("The ACP agent printed a line of {Length} bytes, over the limit of {Limit}: it was discarded", length, maxLineBytes);
                target.NoteOverlongLine(length, maxLineBytes);
                return Task.CompletedTask;
            },
            cancellationToken);

    private bool Accept(string line, out bool isUpdate)
    {
        isUpdate = false;
        if (string.IsNullOrWhiteSpace(line))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                logger.LogWarning("The ACP agent printed a line that is not a JSON object; it was ignored: {Line}", Cut(line));
                return false;
            }

            var hasMethod = root.TryGetProperty("method", out var method);
            if (!hasMethod && root.TryGetProperty("id", out var id))
            {
                if (outstanding.TryRemove(id.GetRawText(), out _))
                {
                    return true;
                }

                logger.LogWarning("The ACP agent answered a request Maestro did not send (id {Id}); the answer was ignored", Cut(id.GetRawText()));
                return false;
            }

            isUpdate = hasMethod && method.ValueKind == JsonValueKind.String && method.ValueEquals(AcpWire.ClientMethods.SessionUpdate);
            return true;
        }
        catch (JsonException)
        {
            logger.LogWarning("The ACP agent printed a line that is not JSON; it was ignored: {Line}", Cut(line));
            return false;
        }
    }

    private void RememberRequest(ReadOnlySequence<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("method", out _) && root.TryGetProperty("id", out var id))
            {
                outstanding[id.GetRawText()] = 0;
            }
        }
        catch (JsonException)
        {
            // Maestro's own connection wrote it: cannot happen, and nothing to remember if it did.
        }
    }

    private static string Cut(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
