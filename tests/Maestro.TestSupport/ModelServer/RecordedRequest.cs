using System.Text.Json.Nodes;

namespace Maestro.TestSupport.ModelServer;

/// <summary>A request as the CLI sent it, kept for assertions and for the recorded fixtures.</summary>
public sealed record RecordedRequest(
    int Index,
    string Method,
    string PathAndQuery,
    ModelApi Api,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    ServedAs ServedAs,
    ModelReply? Reply)
{
    public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : TryParse(Body);

    /// <summary>Tool names the CLI declared in this request (Anthropic, OpenAI and Gemini shapes).</summary>
    public IReadOnlyList<string> ToolNames => ModelRequests.ToolNames(Json);

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
