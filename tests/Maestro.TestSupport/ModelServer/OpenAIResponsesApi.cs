using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Maestro.TestSupport.ModelServer;

/// <summary>OpenAI Responses API (<c>POST /v1/responses</c>, always streamed by Codex): text becomes a message item, each tool call a function_call item.</summary>
internal static class OpenAIResponsesApi
{
    public static async Task WriteAsync(HttpContext context, JsonNode? request, ModelReply reply, CancellationToken cancellation)
    {
        var model = request?["model"]?.GetValue<string>() ?? "mock-model";
        var responseId = $"resp_mock_{reply.Number:D4}";
        var items = Items(reply).ToList();
        var usage = new
        {
            input_tokens = reply.Usage.InputTokens,
            input_tokens_details = new { cached_tokens = 0 },
            output_tokens = reply.Usage.OutputTokens,
            output_tokens_details = new { reasoning_tokens = 0 },
            total_tokens = reply.Usage.InputTokens + reply.Usage.OutputTokens,
        };

        var sse = SseWriter.Start(context.Response);
        var sequence = 0;
        await sse.WriteAsync("response.created", new
        {
            type = "response.created",
            sequence_number = sequence++,
            response = new { id = responseId, @object = "response", created_at = 0, status = "in_progress", model, output = Array.Empty<object>() },
        }, cancellation);

        for (var i = 0; i < items.Count; i++)
        {
            var (step, done) = items[i];
            var itemId = done["id"]!.GetValue<string>();
            var added = done.DeepClone();
            added["status"] = "in_progress";
            await sse.WriteAsync("response.output_item.added", new { type = "response.output_item.added", sequence_number = sequence++, output_index = i, item = added }, cancellation);
            if (step is TextStep text)
            {
                await sse.WriteAsync("response.output_text.delta", new { type = "response.output_text.delta", sequence_number = sequence++, item_id = itemId, output_index = i, content_index = 0, delta = text.Content }, cancellation);
                await sse.WriteAsync("response.output_text.done", new { type = "response.output_text.done", sequence_number = sequence++, item_id = itemId, output_index = i, content_index = 0, text = text.Content }, cancellation);
            }
            else if (step is ToolCallStep call)
            {
                foreach (var chunk in JsonArguments.Chunks(call.ArgumentsJson))
                {
                    await sse.WriteAsync("response.function_call_arguments.delta", new { type = "response.function_call_arguments.delta", sequence_number = sequence++, item_id = itemId, output_index = i, delta = chunk }, cancellation);
                }

                await sse.WriteAsync("response.function_call_arguments.done", new { type = "response.function_call_arguments.done", sequence_number = sequence++, item_id = itemId, output_index = i, arguments = call.ArgumentsJson }, cancellation);
            }

            await sse.WriteAsync("response.output_item.done", new { type = "response.output_item.done", sequence_number = sequence++, output_index = i, item = done }, cancellation);
        }

        await sse.WriteAsync("response.completed", new
        {
            type = "response.completed",
            sequence_number = sequence,
            response = new { id = responseId, @object = "response", created_at = 0, status = "completed", model, output = items.Select(i => i.Item).ToArray(), usage },
        }, cancellation);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, CancellationToken cancellation, string? message = null)
    {
        context.Response.StatusCode = status;
        var type = status switch
        {
            401 => "invalid_api_key",
            429 when message?.Contains("quota", StringComparison.OrdinalIgnoreCase) == true => "insufficient_quota",
            429 => "rate_limit_exceeded",
            _ => "server_error",
        };
        return context.Response.WriteAsJsonAsync(new { error = new { message = message ?? $"Mock model server: HTTP {status}", type, code = type, param = (string?)null } }, cancellation);
    }

    private static IEnumerable<(ScriptStep Step, JsonObject Item)> Items(ModelReply reply)
    {
        for (var i = 0; i < reply.Steps.Count; i++)
        {
            var step = reply.Steps[i];
            JsonObject item = step switch
            {
                TextStep text => new JsonObject
                {
                    ["type"] = "message",
                    ["id"] = $"msg_mock_{reply.Number:D4}_{i}",
                    ["role"] = "assistant",
                    ["status"] = "completed",
                    ["content"] = new JsonArray(new JsonObject { ["type"] = "output_text", ["text"] = text.Content, ["annotations"] = new JsonArray() }),
                },
                ToolCallStep call => new JsonObject
                {
                    ["type"] = "function_call",
                    ["id"] = $"fc_mock_{reply.Number:D4}_{i}",
                    ["call_id"] = $"call_mock_{reply.Number:D4}_{i}",
                    ["name"] = call.Name,
                    ["arguments"] = call.ArgumentsJson,
                    ["status"] = "completed",
                },
                _ => throw new ArgumentOutOfRangeException(nameof(reply)),
            };
            yield return (step, item);
        }
    }
}
