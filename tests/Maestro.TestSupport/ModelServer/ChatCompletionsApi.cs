using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Maestro.TestSupport.ModelServer;

/// <summary>OpenAI Chat Completions (<c>POST /v1/chat/completions</c>), streamed as chunks ending in <c>[DONE]</c>, or one completion.</summary>
internal static class ChatCompletionsApi
{
    public static async Task WriteAsync(HttpContext context, JsonNode? request, ModelReply reply, CancellationToken cancellation)
    {
        var model = request?["model"]?.GetValue<string>() ?? "mock-model";
        var id = $"chatcmpl-mock-{reply.Number:D4}";
        var finish = reply.CallsTools ? "tool_calls" : "stop";
        var usage = new { prompt_tokens = reply.Usage.InputTokens, completion_tokens = reply.Usage.OutputTokens, total_tokens = reply.Usage.InputTokens + reply.Usage.OutputTokens };
        var calls = reply.ToolCalls.ToList();
        if (!ModelRequests.WantsStream(request, context.Request.Path))
        {
            await context.Response.WriteAsJsonAsync(new
            {
                id,
                @object = "chat.completion",
                created = 0,
                model,
                choices = new[]
                {
                    new
                    {
                        index = 0,
                        message = new
                        {
                            role = "assistant",
                            content = reply.AllText,
                            tool_calls = calls.Count == 0 ? null : calls.Select((c, i) => new { id = CallId(reply, i), type = "function", function = new { name = c.Name, arguments = c.ArgumentsJson } }).ToArray(),
                        },
                        finish_reason = finish,
                    },
                },
                usage,
            }, cancellation);
            return;
        }

        var sse = SseWriter.Start(context.Response);
        object Chunk(object delta, string? finishReason) =>
            new { id, @object = "chat.completion.chunk", created = 0, model, choices = new[] { new { index = 0, delta, finish_reason = finishReason } } };

        await sse.WriteAsync(null, Chunk(new { role = "assistant", content = string.Empty }, null), cancellation);
        if (reply.AllText.Length > 0)
        {
            await sse.WriteAsync(null, Chunk(new { content = reply.AllText }, null), cancellation);
        }

        for (var i = 0; i < calls.Count; i++)
        {
            await sse.WriteAsync(null, Chunk(new { tool_calls = new[] { new { index = i, id = CallId(reply, i), type = "function", function = new { name = calls[i].Name, arguments = string.Empty } } } }, null), cancellation);
            foreach (var chunk in JsonArguments.Chunks(calls[i].ArgumentsJson))
            {
                await sse.WriteAsync(null, Chunk(new { tool_calls = new[] { new { index = i, function = new { arguments = chunk } } } }, null), cancellation);
            }
        }

        await sse.WriteAsync(null, Chunk(new { }, finish), cancellation);
        await sse.WriteAsync(null, new { id, @object = "chat.completion.chunk", created = 0, model, choices = Array.Empty<object>(), usage }, cancellation);
        await sse.WriteAsync(null, "[DONE]", cancellation);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, CancellationToken cancellation, string? message = null) =>
        OpenAIResponsesApi.WriteErrorAsync(context, status, cancellation, message);

    private static string CallId(ModelReply reply, int index) => $"call_mock_{reply.Number:D4}_{index}";
}
