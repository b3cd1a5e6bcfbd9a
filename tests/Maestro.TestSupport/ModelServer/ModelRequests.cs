using System.Text.Json.Nodes;

namespace Maestro.TestSupport.ModelServer;

/// <summary>Reads the parts of a model request the server and the tests care about, whatever the wire format.</summary>
public static class ModelRequests
{
    public static IReadOnlyList<string> ToolNames(JsonNode? request)
    {
        var names = new List<string>();
        if (request?["tools"] is not JsonArray tools)
        {
            return names;
        }

        foreach (var tool in tools)
        {
            // Anthropic and OpenAI Responses: {name}; Chat Completions: {function: {name}};
            // Gemini: {functionDeclarations: [{name}]}; Codex also nests tools in {type: namespace, tools: [...]}.
            AddName(names, tool?["name"]);
            AddName(names, tool?["function"]?["name"]);
            foreach (var nested in (tool?["functionDeclarations"] as JsonArray ?? []).Concat(tool?["tools"] as JsonArray ?? []))
            {
                AddName(names, nested?["name"]);
            }
        }

        return names;
    }

    /// <summary>True when the request offers tools: the agent's main loop. Requests without tools are side calls (titles, summaries).</summary>
    public static bool OffersTools(JsonNode? request) => request?["tools"] is JsonArray { Count: > 0 };

    /// <summary>Anthropic, OpenAI and Chat Completions ask for a stream with <c>stream: true</c>; Gemini by its path.</summary>
    public static bool WantsStream(JsonNode? request, string path) =>
        path.Contains(":streamGenerateContent", StringComparison.Ordinal)
        || (request?["stream"] is JsonValue value && value.TryGetValue(out bool stream) && stream);

    public static ModelApi Classify(string path)
    {
        if (path.StartsWith("/v1/messages/count_tokens", StringComparison.Ordinal))
        {
            return ModelApi.AnthropicCountTokens;
        }

        if (path.StartsWith("/v1/messages", StringComparison.Ordinal))
        {
            return ModelApi.AnthropicMessages;
        }

        if (path.EndsWith("/responses", StringComparison.Ordinal))
        {
            return ModelApi.OpenAIResponses;
        }

        if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            return ModelApi.OpenAIChatCompletions;
        }

        if (path.Contains(":streamGenerateContent", StringComparison.Ordinal) || path.Contains(":generateContent", StringComparison.Ordinal))
        {
            return ModelApi.Gemini;
        }

        return ModelApi.Other;
    }

    private static void AddName(List<string> names, JsonNode? name)
    {
        if (name is JsonValue value && value.TryGetValue(out string? text))
        {
            names.Add(text);
        }
    }
}
