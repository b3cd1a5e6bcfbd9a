using System.Text.Json;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.TestSupport.Agents;

namespace Maestro.Server.Tests.Protocol;

/// <summary>
/// The C# side of the shared recorded exchanges (tests/exchanges, also read by the Kotlin and TypeScript
/// tests): every message reads into its Maestro.Protocol record and writes back to the same JSON.
/// </summary>
public sealed class RecordedExchangeTests
{
    private static readonly JsonSerializerOptions Options = MaestroJson.CreateOptions();

    /// <summary>method → (request or notification type, response type); null where a side carries no body.</summary>
    private static readonly Dictionary<string, (Type? Request, Type? Response)> Shapes = new(StringComparer.Ordinal)
    {
        [Methods.Initialize] = (typeof(InitializeParams), typeof(InitializeResult)),
        [Methods.SessionsCreate] = (typeof(SessionCreateParams), typeof(Session)),
        [Methods.SessionsGet] = (typeof(SessionIdParams), typeof(Session)),
        [Methods.SessionsPrompt] = (typeof(SessionPromptParams), typeof(SessionPromptResult)),
        [Methods.SessionsCancel] = (typeof(SessionIdParams), null),
        [Methods.SessionsHistory] = (typeof(SessionHistoryParams), typeof(SessionHistoryResult)),
        [Methods.SessionsEvent] = (typeof(SessionEventNotification), null),
        [Methods.SessionsChanged] = (typeof(SessionChangedNotification), null),
        [Methods.PermissionsRequest] = (typeof(PermissionRequestParams), typeof(PermissionResponse)),
    };

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "tests", "exchanges"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_message_round_trips_through_its_protocol_record(string file)
    {
        var exchange = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "tests", "exchanges", file)))!.AsObject();
        var method = (string)exchange["method"]!;
        Assert.True(Shapes.TryGetValue(method, out var shape), $"{file}: no protocol shape is known for '{method}'");
        RoundTrip(file, exchange["request"] ?? exchange["notification"], shape.Request);
        RoundTrip(file, exchange["response"], shape.Response);
    }

    [Fact]
    public void Every_event_type_has_a_recorded_sample()
    {
        var types = Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "tests", "exchanges"), "sessions-event-*.json")
            .Select(f => (string?)JsonNode.Parse(File.ReadAllText(f))!["notification"]!["event"]!["type"])
            .ToHashSet();
        foreach (var type in new[] { "prompt", "messageDelta", "message", "toolCall", "toolCallUpdate", "fileChange", "plan", "permissionRequest", "usage", "status", "error" })
        {
            Assert.Contains(type, types);
        }
    }

    private static void RoundTrip(string file, JsonNode? recorded, Type? type)
    {
        if (recorded is null || type is null)
        {
            return;
        }

        var typed = recorded.Deserialize(type, Options);
        Assert.NotNull(typed);
        var written = JsonSerializer.SerializeToNode(typed, type, Options);
        Assert.True(JsonEquivalent(recorded, written), $"{file}: {type.Name} wrote\n{written?.ToJsonString()}\nbut the recording says\n{recorded.ToJsonString()}");
    }

    /// <summary>JSON trees equal, numbers by value, an absent member equal to null.</summary>
    private static bool JsonEquivalent(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return (a is null || a.GetValueKind() == JsonValueKind.Null) && (b is null || b.GetValueKind() == JsonValueKind.Null);
        }

        switch (a)
        {
            case JsonObject objectA when b is JsonObject objectB:
                var keys = objectA.Select(p => p.Key).Union(objectB.Select(p => p.Key));
                return keys.All(k => JsonEquivalent(objectA[k], objectB[k]));
            case JsonArray arrayA when b is JsonArray arrayB:
                return arrayA.Count == arrayB.Count && arrayA.Zip(arrayB).All(p => JsonEquivalent(p.First, p.Second));
            case JsonValue when a.GetValueKind() == JsonValueKind.Number && b.GetValueKind() == JsonValueKind.Number:
                return a.GetValue<decimal>() == b.GetValue<decimal>();
            case JsonValue when a.GetValueKind() == JsonValueKind.String && b.GetValueKind() == JsonValueKind.String
                && DateTimeOffset.TryParse(a.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var timeA)
                && DateTimeOffset.TryParse(b.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var timeB)
                && a.GetValue<string>().Contains('T', StringComparison.Ordinal):
                return timeA == timeB;
            default:
                return JsonNode.DeepEquals(a, b);
        }
    }
}
