using System.Text.Json;
using System.Text.Json.Nodes;
using Maestro.Protocol;

namespace Maestro.Server.Tests.Protocol.Exchanges;

/// <summary>
/// Builds the JSON of one exchange file (tests/exchanges/README.md has the format) from what went over the wire,
/// and hands it to <see cref="ExchangeStore"/>.
/// </summary>
public static class Exchange
{
    private static readonly JsonSerializerOptions Options = MaestroJson.CreateOptions();

    /// <summary>
    /// Sends a request, records it with its answer as <c>&lt;method&gt;[-&lt;variant&gt;].json</c> and returns the
    /// answer. Without a variant the answer must be a result; an error answer is recorded only under a variant naming it.
    /// </summary>
    public static async Task<JsonObject> RecordAsync(this ExchangeClient client, string method, object? @params = null, string? variant = null)
    {
        var answer = await client.CallAsync(method, @params);
        Assert.True(variant is not null || answer["error"] is null, $"{method} answered an error: {answer.ToJsonString()}");
        ExchangeStore.SaveOrCompare(ExchangeStore.FileName(method, variant), OfRequest(method, @params, answer));
        return answer;
    }

    /// <summary>Like <see cref="RecordAsync"/> for an answer that must be an error of <paramref name="kind"/> (the variant).</summary>
    public static async Task<JsonObject> RecordErrorAsync(this ExchangeClient client, string method, object? @params, int code, string kind, string? variant = null)
    {
        var answer = await client.CallAsync(method, @params);
        AssertError(answer, code, kind);
        ExchangeStore.SaveOrCompare(ExchangeStore.FileName(method, variant ?? kind), OfRequest(method, @params, answer));
        return answer;
    }

    /// <summary>Records a request sent earlier with <see cref="ExchangeClient.Send"/>, once its answer came.</summary>
    public static void Record(string file, string method, object? @params, JsonObject answer)
        => ExchangeStore.SaveOrCompare(file, OfRequest(method, @params, answer));

    /// <summary>Records a notification (either way) or a server request as it was on the wire.</summary>
    public static void RecordMessage(JsonObject message, string? variant = null, JsonNode? clientAnswer = null)
    {
        var method = (string)message["method"]!;
        var exchange = new JsonObject { ["method"] = method };
        if (message["id"] is null)
        {
            exchange["notification"] = message["params"]?.DeepClone();
        }
        else
        {
            exchange["request"] = message["params"]?.DeepClone();
            exchange["response"] = clientAnswer?.DeepClone();
        }

        ExchangeStore.SaveOrCompare(ExchangeStore.FileName(method, variant), exchange);
    }

    /// <summary>Records a notification the client sent (<c>exit</c>, <c>$/cancelRequest</c>).</summary>
    public static void RecordSentNotification(string method, object? @params, string? variant = null)
        => RecordMessage(new JsonObject { ["method"] = method, ["params"] = @params is null ? null : JsonSerializer.SerializeToNode(@params, Options) }, variant);

    public static JsonObject AssertNoError(JsonObject answer)
    {
        Assert.True(answer["error"] is null, $"unexpected error: {answer.ToJsonString()}");
        return answer;
    }

    public static void AssertError(JsonObject answer, int code, string kind)
    {
        Assert.True(answer["error"] is not null, $"expected error {kind}, got {answer.ToJsonString()}");
        Assert.Equal(code, (int)answer["error"]!["code"]!);
        Assert.Equal(kind, (string?)answer["error"]!["data"]?["kind"]);
    }

    private static JsonObject OfRequest(string method, object? @params, JsonObject answer)
    {
        var exchange = new JsonObject { ["method"] = method };
        if (@params is not null)
        {
            exchange["request"] = @params as JsonNode ?? JsonSerializer.SerializeToNode(@params, Options);
        }

        if (answer["error"] is { } error)
        {
            exchange["error"] = error.DeepClone();
        }
        else
        {
            exchange["response"] = answer["result"]?.DeepClone();
        }

        return exchange;
    }
}
