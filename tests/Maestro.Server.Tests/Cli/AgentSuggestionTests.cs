using System.Text.Json;
using Maestro.TestSupport;

namespace Maestro.Server.Tests.Cli;

/// <summary>"Did you mean" for a mistyped agent, from the daemon's refusal: <c>sessions new --agent claud</c>.</summary>
public sealed class AgentSuggestionTests : IAsyncLifetime
{
    private readonly TempDirectory home = new("agent-suggestion");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await MaestroProcess.RunAsync(home.Path, "daemon", "stop");
        home.Dispose();
    }

    [Fact]
    public async Task A_mistyped_agent_is_refused_with_the_close_match_and_a_far_one_without()
    {
        var (exit, stdout, stderr) = await MaestroProcess.RunAsync(home.Path, "sessions", "new", "--agent", "claud", "--json");
        Assert.Equal(1, exit);
        Assert.Contains("maestro: There is no agent 'claud'.", stderr, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'claude-code'?", stderr, StringComparison.Ordinal);
        using (var doc = JsonDocument.Parse(stdout))
        {
            var error = doc.RootElement.GetProperty("error");
            Assert.EndsWith("Did you mean 'claude-code'?", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("AgentUnavailable", error.GetProperty("kind").GetString());
        }

        (exit, _, stderr) = await MaestroProcess.RunAsync(home.Path, "sessions", "new", "--agent", "codx");
        Assert.Equal(1, exit);
        Assert.Contains("Did you mean 'codex'?", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = await MaestroProcess.RunAsync(home.Path, "sessions", "new", "--agent", "zzzzzzzz");
        Assert.Equal(1, exit);
        Assert.Contains("There is no agent 'zzzzzzzz'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", stderr, StringComparison.Ordinal);
    }
}
