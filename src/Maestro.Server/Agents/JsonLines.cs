using System.Text.Json;

namespace Maestro.Server.Agents;

/// <summary>Small helpers for reading agents' JSON lines without throwing on shapes we did not expect.</summary>
internal static class JsonLines
{
    public static JsonDocument? TryParse(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A line of an agent's output as a JSON object; anything else that is not blank goes into
    /// <paramref name="garbage"/> (cut to 500 characters) for the turn's error report.
    /// </summary>
    public static JsonDocument? ParseOrKeep(string line, List<string> garbage)
    {
        var document = TryParse(line);
        if (document is null && !string.IsNullOrWhiteSpace(line))
        {
            garbage.Add(line.Length > 500 ? line[..500] : line);
        }

        return document;
    }

    public static string? Str(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long Long(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetInt64(out var n) ? n : 0;

    public static decimal Decimal(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetDecimal(out var n) ? n : 0m;

    public static bool TryObject(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        value = default;
        return false;
    }

    public static string Truncate(string text) => text.Length <= 64 * 1024 ? text : text[..(64 * 1024)] + "\n… (truncated)";
}
