using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Maestro.TestSupport.ModelServer;

/// <summary>Gemini API: <c>POST /v1beta/models/{model}:streamGenerateContent?alt=sse</c> (SSE) or <c>:generateContent</c> (JSON).</summary>
internal static class GeminiApi
{
    public static async Task WriteAsync(HttpContext context, JsonNode? request, ModelReply reply, CancellationToken cancellation)
    {
        var parts = reply.Steps.Select(step => step switch
        {
            TextStep text => new JsonObject { ["text"] = text.Content },
            ToolCallStep call => new JsonObject { ["functionCall"] = new JsonObject { ["name"] = call.Name, ["args"] = JsonArguments.AsObject(call.ArgumentsJson) } },
            _ => throw new ArgumentOutOfRangeException(nameof(reply)),
        }).ToArray<JsonNode?>();
        var response = new JsonObject
        {
            ["candidates"] = new JsonArray(new JsonObject
            {
                ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(parts) },
                ["finishReason"] = "STOP",
                ["index"] = 0,
            }),
            ["usageMetadata"] = new JsonObject
            {
                ["promptTokenCount"] = reply.Usage.InputTokens,
                ["candidatesTokenCount"] = reply.Usage.OutputTokens,
                ["totalTokenCount"] = reply.Usage.InputTokens + reply.Usage.OutputTokens,
            },
            ["modelVersion"] = "mock-model",
            ["responseId"] = $"mock-{reply.Number:D4}",
        };

        if (!ModelRequests.WantsStream(request, context.Request.Path))
        {
            await context.Response.WriteAsJsonAsync(response, cancellation);
            return;
        }

        var sse = SseWriter.Start(context.Response);
        await sse.WriteAsync(null, response.ToJsonString(), cancellation);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, CancellationToken cancellation, string? message = null)
    {
        context.Response.StatusCode = status;
        var reason = status == 401 ? "UNAUTHENTICATED" : "INTERNAL";
        return context.Response.WriteAsJsonAsync(new { error = new { code = status, message = message ?? $"Mock model server: HTTP {status}", status = reason } }, cancellation);
    }
}
