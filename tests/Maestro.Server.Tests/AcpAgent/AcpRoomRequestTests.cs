using Maestro.Protocol;
using Maestro.Server.AcpAgent;

namespace Maestro.Server.Tests.AcpAgent;

/// <summary>How <c>/room</c> reads its participants and first message, and how a room's messages reach the editor.</summary>
public sealed class AcpRoomRequestTests
{
    private static readonly string[] Agents = ["claude-code", "codex", "opencode", "gemini", "acp:claude"];

    [Fact]
    public void The_leading_at_words_are_the_participants_and_the_rest_is_the_first_message()
    {
        var request = AcpRoomRequest.Parse("@claude-code @rev=codex  review the login code\n@rev first");
        Assert.Equal([new("claude-code", null), new("rev", "codex")], request.Participants);
        Assert.Equal("review the login code\n@rev first", request.Message);
    }

    [Fact]
    public void An_alias_at_a_host_puts_that_participant_s_session_on_the_host()
    {
        var request = AcpRoomRequest.Parse("@claude-code @rev@box=acp:claude @codex@box go");
        Assert.Equal([new("claude-code", null), new("rev", "acp:claude", "box"), new("codex", null, "box")], request.Participants);
        Assert.Equal("go", request.Message);
    }

    [Fact]
    public void An_alias_written_twice_starts_the_message()
    {
        var request = AcpRoomRequest.Parse("@a=claude-code @b=codex @a start");
        Assert.Equal(["a", "b"], request.Participants.Select(p => p.Alias));
        Assert.Equal("@a start", request.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello @a")]
    [InlineData("@ a")]
    public void Without_leading_participants_there_are_none(string argument)
        => Assert.Empty(AcpRoomRequest.Parse(argument).Participants);

    [Theory]
    [InlineData("codex", "codex")]
    [InlineData("claude", "claude-code")] // the one agent whose id starts so
    [InlineData("gem", "gemini")]
    [InlineData("c", null)] // several: claude-code, codex
    [InlineData("reviewer", null)]
    public void An_alias_without_an_agent_names_one_by_its_id_or_a_unique_prefix(string alias, string? agent)
        => Assert.Equal(agent, AcpRoomRequest.AgentFor(alias, Agents));

    [Fact]
    public void Room_messages_show_their_author_and_the_users_own_are_left_out()
    {
        ChatMessage From(string author) => new() { Id = "m", Seq = 1, Author = author, Text = "hi", Html = "hi", Mentions = [], Time = DateTimeOffset.UnixEpoch };
        Assert.Equal("**@a**: hi\n\n", (string?)AcpChatRoom.Chunk(From("a"))!["content"]!["text"]);
        Assert.Equal("**system**: hi\n\n", (string?)AcpChatRoom.Chunk(From("system"))!["content"]!["text"]);
        Assert.Equal("agent_message_chunk", (string?)AcpChatRoom.Chunk(From("moderator"))!["sessionUpdate"]);
        Assert.Null(AcpChatRoom.Chunk(From("user")));
    }
}
