using System.Text.Json.Nodes;

namespace Maestro.TestSupport.ModelServer;

/// <summary>Tool arguments are scripted as JSON text; some wire formats want them as an object.</summary>
internal static class JsonArguments
{
    public static JsonNode AsObject(string json) => JsonNode.Parse(json) ?? new JsonObject();

    /// <summary>Splits the JSON text in two chunks so clients really assemble streamed partial JSON.</summary>
    public static IEnumerable<string> Chunks(string json)
    {
        if (json.Length < 2)
        {
            yield return json;
            yield break;
        }

        yield return json[..(json.Length / 2)];
        yield return json[(json.Length / 2)..];
    }
}
