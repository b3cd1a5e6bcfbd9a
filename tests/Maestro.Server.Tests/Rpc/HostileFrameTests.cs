using System.Text;
using Maestro.Protocol;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Rpc;

/// <summary>
/// Frames from the hardening audit (issue 13, low items): two Content-Length headers, a request nested past the
/// parser's default depth, a numeric protocolVersion, too many large requests at once.
/// </summary>
public sealed class HostileFrameTests : IAsyncLifetime
{
    private readonly TestServer server = new(o => o with { MaxMessageBytes = 64 * 1024 });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_second_content_length_refuses_the_frame()
    {
        await using var raw = server.ConnectRaw();
        await raw.InitializeAsync();
        var body = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"no/such/method\"}";
        await raw.SendAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\nContent-Length: 2\r\n\r\n{body}"));
        var reply = await raw.ReceiveAsync();
        Assert.Equal(ErrorCodes.ParseError, (int)reply["error"]!["code"]!);
        Assert.Contains("more than one Content-Length", (string)reply["error"]!["message"]!, StringComparison.Ordinal);
        await AssertStillServingAsync(raw);
    }

    [Theory]
    [InlineData(65)]
    [InlineData(200)]
    [InlineData(255)]
    public async Task A_deeply_nested_request_is_answered_with_its_id(int depth)
    {
        await using var raw = server.ConnectRaw();
        await raw.InitializeAsync();
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", depth - 2)) + "1" + new string('}', depth - 2);
        await raw.SendAsync(LspFraming.Frame($"{{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"sessions/get\",\"params\":{nested}}}"));
        var reply = await raw.ReceiveAsync();
        Assert.NotNull(reply["error"]);
        Assert.Equal(77, (int)reply["id"]!);
        await AssertStillServingAsync(raw);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.0")]
    [InlineData("true")]
    public async Task A_protocol_version_that_is_not_a_string_gets_the_mismatch_error(string version)
    {
        await using var raw = server.ConnectRaw();
        await raw.SendAsync(LspFraming.Frame($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{{\"protocolVersion\":{version},\"clientInfo\":{{\"name\":\"numeric\"}}}}}}"));
        var reply = await raw.ReceiveAsync();
        Assert.Equal(ErrorCodes.InvalidRequest, (int)reply["error"]!["code"]!);
        Assert.Equal(ErrorKinds.ProtocolVersionMismatch, (string)reply["error"]!["data"]!["kind"]!);
        Assert.Equal(1, (int)reply["id"]!);
        await raw.InitializeAsync(); // a proper initialize still works afterwards
    }

    [Fact]
    public async Task Requests_past_the_in_flight_ceiling_are_refused_and_the_connection_goes_on()
    {
        // Requests that stay unanswered: sessions/prompt on a session whose agent never answers would need an agent;
        // instead, many near-limit frames sent at once without reading: some must be refused, every one answered.
        await using var raw = server.ConnectRaw();
        await raw.InitializeAsync();
        var padding = new string('x', 60 * 1024);
        const int count = 40;
        for (var i = 0; i < count; i++)
        {
            await raw.SendAsync(LspFraming.Frame($"{{\"jsonrpc\":\"2.0\",\"id\":{100 + i},\"method\":\"agents/list\",\"params\":{{\"pad\":\"{padding}\"}}}}"));
        }

        var answered = new HashSet<int>();
        while (answered.Count < count)
        {
            var reply = await raw.ReceiveAsync();
            if (reply["id"] is { } id)
            {
                answered.Add((int)id);
            }
        }

        await AssertStillServingAsync(raw);
    }

    private static async Task AssertStillServingAsync(RawConnection raw)
    {
        var reply = await raw.CallAsync(42, "no/such/method");
        Assert.Equal(42, (int)reply["id"]!);
        Assert.Equal(ErrorCodes.MethodNotFound, (int)reply["error"]!["code"]!);
    }
}
