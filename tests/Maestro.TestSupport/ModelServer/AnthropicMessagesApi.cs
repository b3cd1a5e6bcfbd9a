using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Maestro.TestSupport.ModelServer;

/// <summary>Anthropic Messages API: <c>POST /v1/messages</c>, SSE when <c>stream</c> is true, one JSON message otherwise.</summary>
internal static class AnthropicMessagesApi
{
    public static async Task WriteAsync(HttpContext context, JsonNode? request, ModelReply reply, CancellationToken cancellation)
    {
        var model = request?["model"]?.GetValue<string>() ?? "mock-model";
        var messageId = $"msg_mock_{reply.Number:D4}";
        var stopReason = reply.CallsTools ? "tool_use" : "end_turn";
        if (!ModelRequests.WantsStream(request, context.Request.Path))
        {
            await context.Response.WriteAsJsonAsync(
                new
                {
                    id = messageId,
                    type = "message",
                    role = "assistant",
                    model,
                    content = reply.Steps.Select((step, i) => Block(reply, step, i, full: true)).ToArray(),
                    stop_reason = stopReason,
                    stop_sequence = (string?)null,
                    usage = new { input_tokens = reply.Usage.InputTokens, output_tokens = reply.Usage.OutputTokens },
                },
                cancellation);
            return;
        }

        var sse = SseWriter.Start(context.Response);
        await sse.WriteAsync("message_start", new
        {
            type = "message_start",
            message = new
            {
                id = messageId,
                type = "message",
                role = "assistant",
                model,
                content = Array.Empty<object>(),
                stop_reason = (string?)null,
                stop_sequence = (string?)null,
                usage = new
                {
                    input_tokens = reply.Usage.InputTokens,
                    cache_creation_input_tokens = 0,
                    cache_read_input_tokens = 0,
                    output_tokens = 1,
                },
            },
        }, cancellation);

        for (var i = 0; i < reply.Steps.Count; i++)
        {
            var step = reply.Steps[i];
            await sse.WriteAsync("content_block_start", new { type = "content_block_start", index = i, content_block = Block(reply, step, i, full: false) }, cancellation);
            if (step is TextStep text)
            {
                await sse.WriteAsync("content_block_delta", new { type = "content_block_delta", index = i, delta = new { type = "text_delta", text = text.Content } }, cancellation);
            }
            else if (step is ToolCallStep call)
            {
                foreach (var chunk in JsonArguments.Chunks(call.ArgumentsJson))
                {
                    await sse.WriteAsync("content_block_delta", new { type = "content_block_delta", index = i, delta = new { type = "input_json_delta", partial_json = chunk } }, cancellation);
                }
            }

            await sse.WriteAsync("content_block_stop", new { type = "content_block_stop", index = i }, cancellation);
        }

        await sse.WriteAsync("message_delta", new
        {
            type = "message_delta",
            delta = new { stop_reason = stopReason, stop_sequence = (string?)null },
            usage = new { output_tokens = reply.Usage.OutputTokens },
        }, cancellation);
        await sse.WriteAsync("message_stop", new { type = "message_stop" }, cancellation);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, CancellationToken cancellation, string? message = null)
    {
        context.Response.StatusCode = status;
        var type = status switch
        {
            401 => "authentication_error",
            429 => "rate_limit_error",
            529 => "overloaded_error",
            _ => "api_error",
        };
        return context.Response.WriteAsJsonAsync(new { type = "error", error = new { type, message = message ?? $"Mock model server: HTTP {status}" } }, cancellation);
    }

    public static string ToolUseId(ModelReply reply, int index) => $"toolu_mock_{reply.Number:D4}_{index}";

    private static object Block(ModelReply reply, ScriptStep step, int index, bool full) => step switch
    {
        TextStep text => new { type = "text", text = full ? text.Content : string.Empty },
        ToolCallStep call => new { type = "tool_use", id = ToolUseId(reply, index), name = call.Name, input = full ? JsonArguments.AsObject(call.ArgumentsJson) : new JsonObject() },
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };
}
