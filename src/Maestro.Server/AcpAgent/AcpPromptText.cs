using System.Text;
using System.Text.Json;

namespace Maestro.Server.AcpAgent;

/// <summary>
/// The text of an ACP prompt. Maestro's backends take one text prompt, so <c>maestro acp</c> advertises no image, audio
/// or embedded-context support and takes what every ACP agent must: text blocks, and resource links (mentioned as
/// their path, for the backend to read). Any other block is refused with a message naming it, never dropped.
/// </summary>
public static class AcpPromptText
{
    public static string From(JsonElement prompt)
    {
        if (prompt.ValueKind != JsonValueKind.Array)
        {
            throw new AcpRequestException(AcpErrorCodes.InvalidParams, "session/prompt needs 'prompt', an array of content blocks.");
        }

        var text = new StringBuilder();
        foreach (var block in prompt.EnumerateArray())
        {
            var type = block.ValueKind == JsonValueKind.Object && block.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            switch (type)
            {
                case "text":
                    text.Append(block.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null);
                    break;
                case "resource_link":
                    var uri = block.TryGetProperty("uri", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                    if (string.IsNullOrEmpty(uri))
                    {
                        throw new AcpRequestException(AcpErrorCodes.InvalidParams, "A resource_link block of the prompt has no 'uri'.");
                    }

                    if (text.Length > 0 && !char.IsWhiteSpace(text[^1]))
                    {
                        text.Append(' ');
                    }

                    text.Append('@').Append(LinkPath(uri)).Append(' ');
                    break;
                default:
                    throw new AcpRequestException(
                        AcpErrorCodes.InvalidParams,
                        $"Maestro does not take '{type ?? "(no type)"}' content in a prompt (it advertises text and resource links only); send it as text or a resource link.");
            }
        }

        var result = text.ToString().Trim();
        return result.Length > 0
            ? result
            : throw new AcpRequestException(AcpErrorCodes.InvalidParams, "The prompt has no text.");
    }

    /// <summary>A file:// link as a local path (what the backends understand); any other URI as it is.</summary>
    private static string LinkPath(string uri)
        => Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri;
}
