using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Maestro.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Maestro.Server.Rpc;

/// <summary>
/// LSP-framed JSON-RPC over a duplex stream, hardened against bad clients: a frame that is not JSON
/// gets -32700, JSON that is not a JSON-RPC message gets -32600, an oversized frame gets -32600 and
/// is skipped, and the connection keeps going. StreamJsonRpc's own header handler would drop the
/// connection on the first of these.
/// </summary>
internal sealed class LspMessageHandler : MessageHandlerBase
{
    private readonly PipeReader input;
    private readonly PipeWriter output;
    private readonly LspFrameReader frames;
    private readonly int maxMessageBytes;
    private readonly ILogger logger;
    private readonly string peer;
    private readonly InFlightRequests inFlight;
    private bool previousFrameFailed;

    public LspMessageHandler(Stream duplex, IJsonRpcMessageFormatter formatter, int maxMessageBytes, ILogger logger, string peer)
        : base(formatter)
    {
        input = PipeReader.Create(duplex, new StreamPipeReaderOptions(leaveOpen: true));
        output = PipeWriter.Create(duplex, new StreamPipeWriterOptions(leaveOpen: true));
        frames = new LspFrameReader(input, maxMessageBytes);
        this.maxMessageBytes = maxMessageBytes;
        inFlight = new InFlightRequests(2L * maxMessageBytes);
        this.logger = logger;
        this.peer = peer;
    }

    /// <summary>Decides per message whether it is dispatched, dropped, or answered here.</summary>
    public Func<JsonRpcMessage, GateDecision>? Gate { get; set; }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await frames.ReadAsync(cancellationToken);
            switch (frame.Kind)
            {
                case LspFrameKind.EndOfStream:
                    if (frames.EndedMidFrame)
                    {
                        logger.LogWarning("Connection {Peer} ended in the middle of a frame", peer);
                    }

                    return null;

                case LspFrameKind.BadHeader when previousFrameFailed:
                    // Most likely the tail of the frame just refused (a Content-Length too short): one error is enough.
                    logger.LogWarning("Skipped bytes after a bad frame from {Peer}: {Problem}", peer, frame.Problem);
                    continue;

                case LspFrameKind.BadHeader:
                    logger.LogWarning("Bad frame header from {Peer}: {Problem}", peer, frame.Problem);
                    previousFrameFailed = true;
                    await ReplyAsync(RequestId.Null, ErrorCodes.ParseError, ErrorKinds.ParseError, $"Parse error: {frame.Problem}. Frames must start with 'Content-Length: N' and a blank line.", cancellationToken);
                    continue;

                case LspFrameKind.TooLarge:
                    logger.LogWarning("Refused a {Length}-byte message from {Peer} (limit {Limit})", frame.Length, peer, maxMessageBytes);
                    await ReplyAsync(RequestId.Null, ErrorCodes.InvalidRequest, ErrorKinds.MessageTooLarge, string.Create(CultureInfo.InvariantCulture, $"A message of {frame.Length} bytes exceeds the limit of {maxMessageBytes} bytes; it was skipped."), cancellationToken);
                    continue;
            }

            var body = frame.Body!;
            previousFrameFailed = false;
            if (!IsWellFormedJson(body, out var jsonProblem, out var isArray))
            {
                previousFrameFailed = true;
                logger.LogWarning("Malformed JSON from {Peer}: {Problem}", peer, jsonProblem);
                await ReplyAsync(RequestId.Null, ErrorCodes.ParseError, ErrorKinds.ParseError, $"Parse error: {jsonProblem}", cancellationToken);
                continue;
            }

            if (isArray)
            {
                await ReplyAsync(RequestId.Null, ErrorCodes.InvalidRequest, ErrorKinds.InvalidRequest, "Batch requests are not supported; send one message per frame.", cancellationToken);
                continue;
            }

            JsonRpcMessage message;
            try
            {
                message = Formatter.Deserialize(new ReadOnlySequence<byte>(body));
                if (message is JsonRpcRequest { Method: null or "" })
                {
                    throw new JsonException("the message has no method");
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NotSupportedException or ArgumentException)
            {
                var id = TryReadId(body);
                logger.LogWarning("Invalid JSON-RPC message from {Peer}: {Problem}", peer, ex.Message);
                await ReplyAsync(id, ErrorCodes.InvalidRequest, ErrorKinds.InvalidRequest, $"Invalid request: {ex.Message}", cancellationToken);
                continue;
            }

            var decision = Gate?.Invoke(message) ?? GateDecision.Dispatch;
            switch (decision.Action)
            {
                case GateAction.Dispatch when message is JsonRpcRequest { IsResponseExpected: true } request && !inFlight.TryAdd(request.RequestId, body.Length):
                    logger.LogWarning("Refused a {Length}-byte request from {Peer}: {InFlight} bytes of requests are still being answered", body.Length, peer, inFlight.Bytes);
                    await ReplyAsync(request.RequestId, ErrorCodes.InvalidRequest, ErrorKinds.MessageTooLarge, string.Create(CultureInfo.InvariantCulture, $"This connection already has {inFlight.Bytes} bytes of requests being answered; a request of {body.Length} bytes would pass the limit of {inFlight.Capacity}. Send it again once earlier ones are answered."), cancellationToken);
                    continue;
                case GateAction.Dispatch:
                    return message;
                case GateAction.Reply:
                    await WriteAsync(decision.Error!, cancellationToken);
                    continue;
                default:
                    continue;
            }
        }
    }

    protected override ValueTask WriteCoreAsync(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        switch (content)
        {
            case JsonRpcResult result:
                inFlight.Remove(result.RequestId);
                break;
            case JsonRpcError error:
                inFlight.Remove(error.RequestId);
                break;
        }

        var body = new ArrayBufferWriter<byte>(256);
        Formatter.Serialize(body, content);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.WrittenCount}\r\n\r\n"));
        output.Write(header);
        output.Write(body.WrittenSpan);
        return default;
    }

    protected override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await output.FlushAsync(cancellationToken);
    }

    protected override void DisposeReader()
    {
        input.Complete();
        base.DisposeReader();
    }

    protected override void DisposeWriter()
    {
        output.Complete();
        base.DisposeWriter();
    }

    private async ValueTask ReplyAsync(RequestId id, int code, string kind, string message, CancellationToken cancellationToken)
    {
        var error = Errors.ErrorResponses.Create(Formatter, id, code, message, new ErrorData { Kind = kind });
        await WriteAsync(error, cancellationToken);
    }

    private static bool IsWellFormedJson(byte[] body, out string? problem, out bool isArray)
    {
        problem = null;
        isArray = false;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read())
            {
                problem = "the frame is empty";
                return false;
            }

            isArray = reader.TokenType == JsonTokenType.StartArray;
            if (!isArray && reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "a JSON-RPC message must be a JSON object";
                return false;
            }

            reader.Skip();
            if (reader.Read())
            {
                problem = "unexpected data after the JSON value";
                return false;
            }

            return true;
        }
        catch (JsonException ex)
        {
            problem = ex.Message;
            return false;
        }
    }

    private static RequestId TryReadId(byte[] body)
    {
        try
        {
            // As deep as IsWellFormedJson lets through: a request nested 65-256 deep still gets its id back.
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 });
            if (document.RootElement.TryGetProperty("id", out var id))
            {
                return id.ValueKind switch
                {
                    JsonValueKind.String => new RequestId(id.GetString()),
                    JsonValueKind.Number when id.TryGetInt64(out var number) => new RequestId(number),
                    _ => RequestId.Null,
                };
            }
        }
        catch (JsonException)
        {
        }

        return RequestId.Null;
    }
}
