using System.Text.Json;
using Maestro.Protocol;
using Maestro.Server.Tests.Chat;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Cli;

/// <summary><c>maestro chat create|post|list|show</c> against a real daemon whose claude-code is the chat STAND-IN.</summary>
public sealed class ChatCliTests : IAsyncLifetime
{
    private readonly StandInChatFixture fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await MaestroProcess.RunAsync(fixture.Home, "daemon", "--stop");
        await fixture.DisposeAsync();
    }

    [Fact]
    public async Task Create_post_list_and_show_a_room_from_the_command_line()
    {
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(fixture.Home, "chat", "create", "team", "-p", "a=claude-code", "-p", "b=claude-code", "--cwd", fixture.Cwd, "--json");
        Assert.True(exit == 0, stderr);
        using var created = JsonDocument.Parse(stdout);
        var roomId = created.RootElement.GetProperty("id").GetString()!;
        Assert.Equal(["a", "b"], created.RootElement.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("alias").GetString()));

        fixture.Queue("b", "b has the last word.");
        var (postExit, posted, postErr) = await MaestroProcess.RunAsync(fixture.Home, "chat", "post", roomId, "@all hello", "--json");
        Assert.True(postExit == 0, postErr);
        var replies = posted.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        // Both replies, in the order written, each once, and nothing of the user's own message: the command waited for the room to be idle.
        Assert.Equal(["a", "b"], replies.Select(r => r.GetProperty("author").GetString()));
        Assert.Equal([2L, 3L], replies.Select(r => r.GetProperty("seq").GetInt64()));
        Assert.Equal("b has the last word.", replies[1].GetProperty("text").GetString());

        var (listExit, list, _) = await MaestroProcess.RunAsync(fixture.Home, "chat", "list");
        Assert.Equal(0, listExit);
        Assert.Contains($"{roomId}  idle", list, StringComparison.Ordinal);
        Assert.Contains("@a @b", list, StringComparison.Ordinal);

        var (showExit, show, _) = await MaestroProcess.RunAsync(fixture.Home, "chat", "show", roomId);
        Assert.Equal(0, showExit);
        Assert.Contains("[1] user: @all hello", show, StringComparison.Ordinal);
        Assert.Contains("[2] a: Reply from @a.", show, StringComparison.Ordinal);
        Assert.Contains("[3] b: b has the last word.", show, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_to_an_unknown_room_or_alias_fails_with_the_protocol_error_and_posts_nothing()
    {
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(fixture.Home, "chat", "post", "c_nope", "hi", "--json");
        Assert.Equal(1, exit);
        Assert.Contains("c_nope", stderr, StringComparison.Ordinal);
        using var error = JsonDocument.Parse(stdout);
        Assert.Equal(ErrorCodes.RoomNotFound, error.RootElement.GetProperty("error").GetProperty("code").GetInt32());

        var (createExit, roomId, createErr) = await MaestroProcess.RunAsync(fixture.Home, "chat", "create", "team", "-p", "a=claude-code", "--cwd", fixture.Cwd);
        Assert.True(createExit == 0, createErr);
        var (aliasExit, _, aliasErr) = await MaestroProcess.RunAsync(fixture.Home, "chat", "post", roomId.Trim(), "@zed hi");
        Assert.Equal(1, aliasExit);
        Assert.Contains("no participant @zed", aliasErr, StringComparison.Ordinal);

        var (usageExit, _, usageErr) = await MaestroProcess.RunAsync(fixture.Home, "chat", "create", "team", "-p", "just-an-alias", "--cwd", fixture.Cwd);
        Assert.Equal(1, usageExit);
        Assert.Contains("is not ALIAS=AGENT", usageErr, StringComparison.Ordinal);

        var (showExit, show, _) = await MaestroProcess.RunAsync(fixture.Home, "chat", "show", roomId.Trim(), "--json");
        Assert.Equal(0, showExit);
        Assert.Equal(string.Empty, show.Trim());
    }
}
