using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Maestro.TestSupport;

/// <summary>Raw Content-Length framing for tests that send bytes no well-behaved client would.</summary>
public static class LspFraming
{
    public static byte[] Frame(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n"));
        return [.. header, .. body];
    }

    public static byte[] Frame(JsonNode node) => Frame(node.ToJsonString());

    /// <summary>Reads one framed message; null at end of stream.</summary>
    public static async Task<JsonObject?> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var header = new List<byte>();
        var one = new byte[1];
        while (header.Count < 4 || header[^4] != '\r' || header[^3] != '\n' || header[^2] != '\r' || header[^1] != '\n')
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            header.Add(one[0]);
        }

        var text = Encoding.ASCII.GetString([.. header]);
        var lengthLine = text.Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = int.Parse(lengthLine["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return JsonNode.Parse(body)!.AsObject();
    }

    public static JsonObject Request(object id, string method, object? @params = null)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonValue.Create(id), ["method"] = method };
        if (@params is not null)
        {
            message["params"] = JsonSerializer.SerializeToNode(@params, Maestro.Protocol.MaestroJson.CreateOptions());
        }

        return message;
    }

    public static JsonObject Notification(string method) => new() { ["jsonrpc"] = "2.0", ["method"] = method };

    public static object InitializeParams(string client = "test") => new Maestro.Protocol.InitializeParams
    {
        ProtocolVersion = Maestro.Protocol.ProtocolVersion.Current,
        ClientInfo = new Maestro.Protocol.ClientInfo { Name = client, Version = "1" },
    };
}
