using System.Text.Json;
using System.Text.Json.Nodes;
using Maestro.Protocol;
using Maestro.Server.Tests.Protocol.Exchanges;
using Maestro.TestSupport.Agents;

namespace Maestro.Server.Tests.Protocol;

/// <summary>
/// The C# side of the shared recorded exchanges (tests/exchanges, also read by the Kotlin and TypeScript
/// tests): every message reads into the Maestro.Protocol record its method's [MethodShape] names and writes back to
/// the same JSON; every method of <see cref="Methods"/> has a shape and at least one recorded exchange. The files
/// themselves are written and kept in shape by the recording tests in Protocol/Exchanges.
/// </summary>
public sealed class RecordedExchangeTests
{
    private static readonly JsonSerializerOptions Options = MaestroJson.CreateOptions();

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
        var shape = MethodShapes.For(method);
        Assert.True(shape is not null, $"{file}: '{method}' is not a method of Methods.cs with a [MethodShape]");
        Assert.Empty(exchange.Select(p => p.Key).Except(["method", "request", "response", "notification", "error"]));
        if (shape.Kind is MethodKind.Notification or MethodKind.ServerNotification)
        {
            Assert.True(exchange.ContainsKey("notification"), $"{file}: a {shape.Kind} exchange holds 'notification'");
            Assert.False(exchange.ContainsKey("request") || exchange.ContainsKey("response") || exchange.ContainsKey("error"), $"{file}: a notification is never answered");
            RoundTrip(file, exchange["notification"], shape.Params);
            return;
        }

        Assert.False(exchange.ContainsKey("notification"), $"{file}: a {shape.Kind} exchange has no 'notification'");
        Assert.True(exchange.ContainsKey("response") ^ exchange.ContainsKey("error"), $"{file}: a request is answered by exactly one of 'response' and 'error'");
        Assert.True(shape.Params is not null || exchange["request"] is null, $"{file}: {method} takes no params");
        // An InvalidParams exchange records params that are wrong on purpose: they cannot read into the record.
        if ((string?)exchange["error"]?["data"]?["kind"] != ErrorKinds.InvalidParams)
        {
            RoundTrip(file, exchange["request"], shape.Params);
        }

        if (exchange["error"] is JsonObject error)
        {
            Assert.Equal(JsonValueKind.Number, error["code"]?.GetValueKind());
            Assert.Equal(JsonValueKind.String, error["message"]?.GetValueKind());
            RoundTrip(file, error["data"], typeof(ErrorData));
            Assert.True(error["data"] is null || error["data"]!["kind"] is not null, $"{file}: error.data names its kind");
        }
        else
        {
            Assert.True(shape.Result is not null || exchange["response"] is null, $"{file}: {method} answers null");
            RoundTrip(file, exchange["response"], shape.Result);
        }
    }

    [Fact]
    public void Every_method_constant_has_a_method_shape()
    {
        var without = MethodShapes.Constants.Where(f => f.GetCustomAttributes(typeof(MethodShapeAttribute), false).Length == 0).Select(f => f.Name).ToList();
        Assert.True(without.Count == 0, "Methods without [MethodShape]: " + string.Join(", ", without));
        Assert.NotEmpty(MethodShapes.All);
    }

    [Fact]
    public void Every_method_has_a_recorded_exchange()
    {
        var recorded = Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "tests", "exchanges"), "*.json")
            .Select(f => (string?)JsonNode.Parse(File.ReadAllText(f))!["method"])
            .ToHashSet(StringComparer.Ordinal);
        var missing = MethodShapes.All.Select(m => m.Name).Where(m => !recorded.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "Methods with no exchange in tests/exchanges: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_event_type_has_a_recorded_sample()
    {
        var types = Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "tests", "exchanges"), "sessions-event-*.json")
            .Select(f => (string?)JsonNode.Parse(File.ReadAllText(f))!["notification"]!["event"]!["type"])
            .ToHashSet();
        foreach (var type in new[] { "prompt", "messageDelta", "message", "toolCall", "toolCallUpdate", "fileChange", "plan", "permissionRequest", "usage", "status", "error", "outage" })
        {
            Assert.Contains(type, types);
        }
    }

    [Fact]
    public void Every_run_progress_kind_has_a_recorded_sample()
    {
        var kinds = Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "tests", "exchanges"), "runs-progress-*.json")
            .Select(f => (string?)JsonNode.Parse(File.ReadAllText(f))!["notification"]!["event"])
            .ToHashSet();
        var missing = Enum.GetValues<RunProgressKind>().Select(k => JsonSerializer.SerializeToNode(k, Options)!.GetValue<string>()).Where(k => !kinds.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "runs/progress events with no recorded sample: " + string.Join(", ", missing));
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
