using System.Text.Json;
using System.Text.Json.Nodes;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>
/// Compares two JSON trees by shape only: the same members in every object, the same kind of value in each
/// (string, number, boolean, null, object, array), arrays both empty or both not, each live element shaped like
/// some recorded one.
/// Values themselves (ids, times, paths) may differ: a live answer is never byte-equal to a recording.
/// </summary>
public static class JsonShape
{
    /// <summary>Every difference, as "path: what"; empty when the shapes match.</summary>
    public static IReadOnlyList<string> Differences(JsonNode? recorded, JsonNode? live)
    {
        var differences = new List<string>();
        Compare("$", recorded, live, differences);
        return differences;
    }

    private static void Compare(string path, JsonNode? recorded, JsonNode? live, List<string> differences)
    {
        var kindRecorded = KindOf(recorded);
        var kindLive = KindOf(live);
        if (kindRecorded != kindLive)
        {
            differences.Add($"{path}: recorded {kindRecorded}, live {kindLive}");
            return;
        }

        switch (recorded)
        {
            case JsonObject objectRecorded:
                var objectLive = live!.AsObject();
                foreach (var missing in objectRecorded.Select(p => p.Key).Except(objectLive.Select(p => p.Key)))
                {
                    differences.Add($"{path}.{missing}: recorded, absent live");
                }

                foreach (var extra in objectLive.Select(p => p.Key).Except(objectRecorded.Select(p => p.Key)))
                {
                    differences.Add($"{path}.{extra}: live, absent from the recording");
                }

                foreach (var (key, value) in objectRecorded)
                {
                    if (objectLive.ContainsKey(key))
                    {
                        Compare($"{path}.{key}", value, objectLive[key], differences);
                    }
                }

                break;
            case JsonArray arrayRecorded:
                var arrayLive = live!.AsArray();
                if ((arrayRecorded.Count == 0) != (arrayLive.Count == 0))
                {
                    differences.Add($"{path}: recorded {arrayRecorded.Count} elements, live {arrayLive.Count}");
                    break;
                }

                // Lists may be polymorphic (events) and their length may vary (batches): each live element must have
                // the shape of some recorded element; when none fits, the differences are told against the one at its index.
                for (var i = 0; i < arrayLive.Count; i++)
                {
                    if (arrayRecorded.Any(r => Differences(r, arrayLive[i]).Count == 0))
                    {
                        continue;
                    }

                    Compare($"{path}[{i}]", arrayRecorded[Math.Min(i, arrayRecorded.Count - 1)], arrayLive[i], differences);
                }

                break;
        }
    }

    private static string KindOf(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString()!.ToLowerInvariant(),
    };
}
