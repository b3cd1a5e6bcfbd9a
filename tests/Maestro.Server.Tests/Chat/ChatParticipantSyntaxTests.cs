using Maestro.Server.Chat;
using Maestro.Server.Cli;

namespace Maestro.Server.Tests.Chat;

/// <summary>How a participant written as text (the CLI's <c>-p</c>, ACP's <c>/room</c>) names its host: <c>ALIAS@HOST</c>.</summary>
public sealed class ChatParticipantSyntaxTests
{
    [Theory]
    [InlineData("b", "b", null)]
    [InlineData("b@box", "b", "box")]
    [InlineData("b@", "b", "")]
    public void The_host_follows_the_alias_after_an_at(string written, string alias, string? host)
        => Assert.Equal((alias, host), ChatParticipantSyntax.SplitHost(written));

    [Fact]
    public void The_command_line_reads_host_agent_and_worktree_branch_apart()
    {
        var spec = ChatCommand.ParseParticipant("@b@box=acp:claude@feature/x");
        Assert.Equal(("b", "acp:claude", "box", "feature/x"), (spec.Alias, spec.AgentId, spec.Host, spec.Worktree?.Branch));
        var plain = ChatCommand.ParseParticipant("a=claude-code");
        Assert.Equal(("a", "claude-code", (string?)null), (plain.Alias, plain.AgentId, plain.Host));
    }

    [Theory]
    [InlineData("b@=codex")]
    [InlineData("@b=")]
    [InlineData("b@box")]
    public void A_participant_without_alias_agent_or_host_name_is_refused_with_the_forms(string written)
    {
        var refused = Assert.Throws<Maestro.Server.Errors.InvalidParamsException>(() => ChatCommand.ParseParticipant(written));
        Assert.Contains("planner@box=claude-code", refused.Message, StringComparison.Ordinal);
    }
}
