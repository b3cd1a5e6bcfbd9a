using System.Text.Json.Nodes;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;

namespace Maestro.Server.Tests.Agents;

/// <summary>
/// How the real CLIs end a turn when the model endpoint fails: HTTP errors, a model that never answers, a stream
/// that stalls. Each is bounded by the CLI's own settings where it has them, by a kill where it has not.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class RealCliErrorTests : IAsyncLifetime
{
    private ScriptedModelServer server = null!;

    public async Task InitializeAsync() => server = await ScriptedModelServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData(401)]
    [InlineData(500)]
    public async Task ClaudeCode_ends_with_an_error_result_on_an_http_error(int status)
    {
        using var sandbox = await AgentSandbox.CreateAsync("claude");
        server.Fault = ServerFault.Http(status);

        // Claude Code retries even a 401 ten times with backoff (over a minute) unless told not to.
        var run = await ClaudeCodeCli.RunAsync(sandbox, server.BaseUrl, "say hi", extraEnvironment: new Dictionary<string, string> { ["CLAUDE_CODE_MAX_RETRIES"] = "0" });
        FixtureRecorder.Save("claude-code", $"http-{status}", run, server.Requests);

        Assert.False(run.TimedOut, run.Describe());
        Assert.Equal(1, run.ExitCode);
        var result = Assert.Single(run.OfType("result"));
        Assert.True(result["is_error"]!.GetValue<bool>(), run.Describe());
        Assert.Equal("api_error", Str(result, "terminal_reason"));
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), Str(result, "result"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaudeCode_gives_up_on_a_silent_model_after_API_TIMEOUT_MS()
    {
        using var sandbox = await AgentSandbox.CreateAsync("claude");
        server.Fault = ServerFault.Hang;

        var run = await ClaudeCodeCli.RunAsync(sandbox, server.BaseUrl, "say hi", extraEnvironment: new Dictionary<string, string>
        {
            ["CLAUDE_CODE_MAX_RETRIES"] = "0",
            ["API_TIMEOUT_MS"] = "2000",
        });
        FixtureRecorder.Save("claude-code", "request-timeout", run, server.Requests);

        Assert.False(run.TimedOut, run.Describe());
        var result = Assert.Single(run.OfType("result"));
        Assert.True(result["is_error"]!.GetValue<bool>(), run.Describe());
        Assert.Equal("api_error", Str(result, "terminal_reason"));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(500)]
    public async Task Codex_fails_the_turn_on_an_http_error(int status)
    {
        using var sandbox = await AgentSandbox.CreateAsync("codex");
        CodexCli.WriteConfig(sandbox, server.BaseUrl);
        server.Fault = ServerFault.Http(status);

        var run = await CodexCli.RunAsync(sandbox, "say hi");
        FixtureRecorder.Save("codex", $"http-{status}", run, server.Requests);

        Assert.False(run.TimedOut, run.Describe());
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.OfType("error"));
        var failed = Assert.Single(run.OfType("turn.failed"));
        Assert.False(string.IsNullOrEmpty(failed["error"]?["message"]?.GetValue<string>()));
        Assert.Empty(run.OfType("turn.completed"));
    }

    [Fact]
    public async Task Codex_fails_a_stalled_stream_after_stream_idle_timeout_ms()
    {
        using var sandbox = await AgentSandbox.CreateAsync("codex");
        CodexCli.WriteConfig(sandbox, server.BaseUrl, streamIdleTimeoutMs: 2000);
        server.Fault = ServerFault.StallStream;

        var run = await CodexCli.RunAsync(sandbox, "say hi");
        FixtureRecorder.Save("codex", "stream-idle-timeout", run, server.Requests);

        Assert.False(run.TimedOut, run.Describe());
        var failed = Assert.Single(run.OfType("turn.failed"));
        Assert.Contains("idle timeout", failed["error"]?["message"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenCode_prints_an_error_event_on_a_401()
    {
        using var sandbox = await AgentSandbox.CreateAsync("opencode");
        OpenCodeCli.WriteConfig(sandbox, server.BaseUrl);
        server.Fault = ServerFault.Http(401);

        var run = await OpenCodeCli.RunAsync(sandbox, "say hi");
        FixtureRecorder.Save("opencode", "http-401", run, server.Requests);

        Assert.False(run.TimedOut, run.Describe());
        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.OfType("error"));
        Assert.Equal(401, error["error"]?["data"]?["statusCode"]?.GetValue<int>());
        Assert.StartsWith("ses_", Str(error, "sessionID"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenCode_retries_a_500_silently_until_it_is_killed()
    {
        using var sandbox = await AgentSandbox.CreateAsync("opencode");
        OpenCodeCli.WriteConfig(sandbox, server.BaseUrl);
        server.Fault = ServerFault.Http(500);
        using var stop = new CancellationTokenSource();

        var running = OpenCodeCli.RunAsync(sandbox, "say hi", stop: stop.Token);
        await Wait.UntilAsync(() => server.Requests.Count(r => r.ServedAs == ServedAs.Fault) >= 2 || running.IsCompleted, TimeSpan.FromSeconds(60), "a second attempt");
        await stop.CancelAsync();
        var run = await running;
        FixtureRecorder.Save("opencode", "http-500-retrying", run, server.Requests);

        // It has no retry limit: Maestro's turn timeout or cancel is what ends it.
        Assert.True(run.TimedOut, run.Describe());
        Assert.Empty(run.OfType("error"));
    }

    private static string? Str(JsonObject e, string name) => e[name]?.GetValue<string>();
}
