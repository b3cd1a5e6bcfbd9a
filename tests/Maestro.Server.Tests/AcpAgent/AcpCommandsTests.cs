using Maestro.Protocol;
using Maestro.Server.AcpAgent;

namespace Maestro.Server.Tests.AcpAgent;

/// <summary>The slash commands maestro acp answers itself, and how they are offered to the editor.</summary>
public sealed class AcpCommandsTests
{
    [Theory]
    [InlineData("/sessions", "sessions")]
    [InlineData("  /sessions please", "sessions")]
    [InlineData("/agent codex", "agent")]
    [InlineData("/playbook playbooks/release", "playbook")]
    [InlineData("/stop", "stop")]
    [InlineData("/worktree fix-login", "worktree")]
    [InlineData("/room @a @b", "room")]
    [InlineData("/unknown", null)]
    [InlineData("/agents", null)]
    [InlineData("list /sessions", null)]
    [InlineData("sessions", null)]
    public void Only_a_prompt_starting_with_a_known_command_calls_it(string prompt, string? called)
        => Assert.Equal(called, AcpCommands.Called(prompt));

    [Theory]
    [InlineData("/agent codex", "codex")]
    [InlineData("  /playbook  docs/my plan.md \n", "docs/my plan.md")]
    [InlineData("/stop", "")]
    public void A_commands_argument_is_the_rest_of_the_prompt_trimmed(string prompt, string argument)
        => Assert.Equal(argument, AcpCommands.Argument(prompt));

    [Fact]
    public void The_commands_on_offer_are_an_available_commands_update()
    {
        var update = AcpCommands.AvailableCommandsUpdate();
        Assert.Equal("available_commands_update", (string?)update["sessionUpdate"]);
        var commands = update["availableCommands"]!.AsArray();
        Assert.Equal(["sessions", "agent", "playbook", "stop", "worktree", "room"], commands.Select(c => (string?)c!["name"]));
        Assert.All(commands, c => Assert.False(string.IsNullOrWhiteSpace((string?)c!["description"])));
        // Commands that take an argument say what it is (ACP's unstructured input hint).
        Assert.Equal(["agent", "playbook", "worktree", "room"], commands.Where(c => c!["input"] is not null).Select(c => (string?)c!["name"]));
    }

    [Fact]
    public void The_session_list_is_newest_first_and_says_how_many_were_left_out()
    {
        var now = DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Session At(string id, int minutes) => new()
        {
            Id = id, Name = "n-" + id, AgentId = "claude-code", Cwd = "/repo", Status = SessionStatus.Idle,
            CreatedAt = now, UpdatedAt = now.AddMinutes(minutes), Usage = Usage.Zero,
        };
        var text = AcpCommands.SessionList([At("old", 1), At("new", 5), At("mid", 3)], limit: 2);
        Assert.True(text.IndexOf("`new`", StringComparison.Ordinal) < text.IndexOf("`mid`", StringComparison.Ordinal));
        Assert.DoesNotContain("`old`", text);
        Assert.Contains("1 older ones", text);
        Assert.Equal("No Maestro sessions yet.", AcpCommands.SessionList([]));
    }
}
