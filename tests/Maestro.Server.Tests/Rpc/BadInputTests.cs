using System.Text;
using Maestro.Protocol;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Rpc;

/// <summary>What a broken or hostile client sends: each gets the right error, and the connection goes on.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly TestServer server = new(o => o with { MaxMessageBytes = 64 * 1024 });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Malformed_json_gets_a_parse_error_and_the_connection_keeps_serving()
    {
        await using var raw = server.ConnectRaw();
        await raw.InitializeAsync();
        await raw.SendAsync(LspFraming.Frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"));
        var error = await raw.ReceiveAsync();
        Assert.Equal(ErrorCodes.ParseError, (int)error["error"]!["code"]!);
        Assert.Null(error["id"]);
        await AssertStillServingAsync(raw);
    }

    [Fact]
    public async Task Json_that_is_not_a_request_gets_invalid_request_with_its_id()
    {
        await using var raw = server.ConnectRaw();
        await raw.InitializeAsync();
        await raw.SendAsync(LspFraming.Frame("{\"id\":7,\"hello\":\"world\"}"));
        var error = await raw.ReceiveAsync();
        Assert.Equal(ErrorCodes.InvalidRequest, (int)error["error"]!["code"]!);
        Assert.Equal(7, (int)error["id"]!);
        await AssertStillServingAsync(raw);
    }

    [Fact]
    public async Task A_batch_is_refused_as_invalid_request()
    {
        await using var raw = server.ConnectRaw();
        await raw.InitializeAsync();
        await raw.SendAsync(LspFraming.Frame("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"agents/list\"}]"));
        Assert.Equal(ErrorCodes.InvalidRequest, (int)(await raw.ReceiveAsync())["error"]!["code"]!);
        await AssertStillServingAsync(raw);
    }

    [Fact]
    public async Task A_garbage_header_is_skipped_up_to_the_next_frame()
    {
        await using var raw = server.ConnectRaw();
        await raw.InitializeAsync();
        await raw.SendAsync(Encoding.ASCII.GetBytes("this is not a header\r\n\r\n"));
        Assert.Equal(ErrorCodes.ParseError, (int)(await raw.ReceiveAsync())["error"]!["code"]!);
        await AssertStillServingAsync(raw);
    }

    [Fact]
    public async Task A_content_length_shorter_than_the_body_costs_only_that_frame()
    {
        await using var raw = server.ConnectRaw();
        await raw.InitializeAsync();
        var body = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"agents/list\"}";
        await raw.SendAsync(Encoding.ASCII.GetBytes($"Content-Length: 10\r\n\r\n{body}"));
        var first = await raw.ReceiveAsync();
        Assert.Equal(ErrorCodes.ParseError, (int)first["error"]!["code"]!);
        await AssertStillServingAsync(raw);
    }

    [Fact]
    public async Task A_non_numeric_content_length_is_a_parse_error()
    {
        await using var raw = server.ConnectRaw();
        await raw.InitializeAsync();
        await raw.SendAsync(Encoding.ASCII.GetBytes("Content-Length: twelve\r\n\r\n{}"));
        Assert.Equal(ErrorCodes.ParseError, (int)(await raw.ReceiveAsync())["error"]!["code"]!);
        await AssertStillServingAsync(raw);
    }

    [Fact]
    public async Task A_message_over_the_limit_is_refused_and_skipped()
    {
        await using var raw = server.ConnectRaw();
        await raw.InitializeAsync();
        var huge = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"agents/list\",\"params\":{\"pad\":\"" + new string('x', 200 * 1024) + "\"}}";
        await raw.SendAsync(LspFraming.Frame(huge));
        var error = await raw.ReceiveAsync();
        Assert.Equal(ErrorCodes.InvalidRequest, (int)error["error"]!["code"]!);
        Assert.Equal(ErrorKinds.MessageTooLarge, (string?)error["error"]!["data"]!["kind"]);
        await AssertStillServingAsync(raw);
    }

    [Fact]
    public async Task Wrong_parameter_types_get_invalid_params()
    {
        await using var raw = server.ConnectRaw();
        var reply = await raw.CallAsync(1, Methods.Initialize, new { protocolVersion = "1.0", clientInfo = "nope" });
        Assert.Equal(ErrorCodes.InvalidParams, (int)reply["error"]!["code"]!);
        await raw.InitializeAsync();
        await AssertStillServingAsync(raw);
    }

    [Fact]
    public async Task A_missing_required_parameter_gets_invalid_params()
    {
        await using var raw = server.ConnectRaw();
        var reply = await raw.CallAsync(1, Methods.Initialize, new { clientInfo = new { name = "x" } });
        Assert.Equal(ErrorCodes.InvalidParams, (int)reply["error"]!["code"]!);
    }

    [Fact]
    public async Task A_frame_cut_short_closes_the_connection_cleanly_and_others_are_unaffected()
    {
        await using var other = server.ConnectRaw();
        await other.InitializeAsync();

        await using (var raw = server.ConnectRaw())
        {
            await raw.InitializeAsync();
            await raw.SendAsync(Encoding.ASCII.GetBytes("Content-Length: 100\r\n\r\n{\"jsonrpc\":"));
        }

        await AssertStillServingAsync(other);
    }

    [Fact]
    public async Task A_notification_before_initialize_is_dropped_silently()
    {
        await using var raw = server.ConnectRaw();
        await raw.SendAsync(LspFraming.Notification("sessions/whatever"));
        await raw.InitializeAsync(); // the next reply is initialize's, not an error for the notification
        await AssertStillServingAsync(raw);
    }

    private static async Task AssertStillServingAsync(RawConnection raw)
    {
        var reply = await raw.CallAsync(42, "no/such/method");
        Assert.Equal(42, (int)reply["id"]!);
        Assert.Equal(ErrorCodes.MethodNotFound, (int)reply["error"]!["code"]!);
    }
}
