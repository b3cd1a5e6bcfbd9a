using Maestro.Server.Sessions.Resilience;
using Maestro.Server.Tests.Agents;
using Maestro.TestSupport;
using Maestro.TestSupport.Agents;
using Maestro.TestSupport.ModelServer;

namespace Maestro.Server.Tests.Sessions.Resilience;

/// <summary>
/// The real CLIs against the scripted model server's failure modes, read by Maestro's parser and classifier. With
/// MAESTRO_RECORD_AGENT_FIXTURES=1 their output is saved as tests/fixtures/agents/&lt;agent&gt;/outage-*.jsonl, which
/// <see cref="FailureClassifierTests"/> reads without the CLIs.
/// </summary>
[Collection(RealCliCollection.Name)]
public sealed class RealCliFailureModeTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> ClaudeNoOwnRetries = new() { ["CLAUDE_CODE_MAX_RETRIES"] = "0" };
    private ScriptedModelServer server = null!;

    public async Task InitializeAsync() => server = await ScriptedModelServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    public static TheoryData<string, FailureClass> HttpModes => new()
    {
        { "overloaded", FailureClass.Availability },
        { "rate-limited", FailureClass.Availability },
        { "quota", FailureClass.Quota },
        { "unauthorized", FailureClass.NeverRetry },
    };

    [Theory]
    [MemberData(nameof(HttpModes))]
    public async Task ClaudeCode_failures_are_classified(string mode, FailureClass expected)
    {
        using var sandbox = await AgentSandbox.CreateAsync("claude");
        var now = DateTimeOffset.UtcNow;
        server.FailNext(1, Fault(mode, now));

        var run = await ClaudeCodeCli.RunAsync(sandbox, server.BaseUrl, "say hi", extraEnvironment: ClaudeNoOwnRetries);
        FixtureRecorder.Save("claude-code", "outage-" + mode, run);

        var failure = RecordedFailure.Classify("claude-code", run, now);
        Assert.True(failure?.Class == expected, $"{failure}\n{run.Describe()}");
        if (mode == "quota")
        {
            Assert.Equal(Reset(now), failure!.ResetAt);
        }
    }

    [Theory]
    [InlineData("Claude AI usage limit reached|{0}")]
    [InlineData("You've hit your limit · resets 3pm (UTC)")]
    public async Task ClaudeCode_limit_banner_sent_as_a_plain_message_is_a_quota_with_its_reset(string banner)
    {
        using var sandbox = await AgentSandbox.CreateAsync("claude");
        var now = DateTimeOffset.UtcNow;
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, banner, Reset(now).ToUnixTimeSeconds());
        server.EnqueueTurn(ScriptStep.Text(text));

        var run = await ClaudeCodeCli.RunAsync(sandbox, server.BaseUrl, "say hi", extraEnvironment: ClaudeNoOwnRetries);
        FixtureRecorder.Save("claude-code", banner.StartsWith("Claude", StringComparison.Ordinal) ? "outage-banner-epoch" : "outage-banner-zone", run);

        Assert.Equal(0, run.ExitCode);
        var failure = RecordedFailure.Classify("claude-code", run, now);
        Assert.True(failure?.Class == FailureClass.Quota, $"{failure}\n{run.Describe()}");
        Assert.NotNull(failure!.ResetAt);
        Assert.True(failure.ResetAt > now);
    }

    [Fact]
    public async Task ClaudeCode_connection_refused_is_an_availability_failure()
    {
        using var sandbox = await AgentSandbox.CreateAsync("claude");
        await using var gate = ModelServerGate.Closed(server);

        var run = await ClaudeCodeCli.RunAsync(sandbox, gate.BaseUrl, "say hi", extraEnvironment: ClaudeNoOwnRetries);
        FixtureRecorder.Save("claude-code", "outage-refused", run);

        Assert.Equal(FailureClass.Availability, RecordedFailure.Classify("claude-code", run, DateTimeOffset.UtcNow)?.Class);
    }

    [Theory]
    [MemberData(nameof(HttpModes))]
    public async Task Codex_failures_are_classified(string mode, FailureClass expected)
    {
        using var sandbox = await AgentSandbox.CreateAsync("codex");
        CodexCli.WriteConfig(sandbox, server.BaseUrl);
        var now = DateTimeOffset.UtcNow;
        server.FailNext(1, Fault(mode, now));

        var run = await CodexCli.RunAsync(sandbox, "say hi");
        FixtureRecorder.Save("codex", "outage-" + mode, run);

        var failure = RecordedFailure.Classify("codex", run, now);
        Assert.True(failure?.Class == expected, $"{failure}\n{run.Describe()}");

        // Codex words a spent quota its own way ("Quota exceeded. Check your plan and billing details.") and drops the
        // provider's text, reset moment included: it is probed on the schedule.
        Assert.Null(failure!.ResetAt);
    }

    /// <summary>OpenCode retries a 429 and a 5xx by itself, without end (a quota 429 too): only what it gives up on reaches Maestro.</summary>
    [Theory]
    [InlineData("unauthorized", FailureClass.NeverRetry)]
    public async Task OpenCode_failures_it_does_not_retry_itself_are_classified(string mode, FailureClass expected)
    {
        using var sandbox = await AgentSandbox.CreateAsync("opencode");
        OpenCodeCli.WriteConfig(sandbox, server.BaseUrl);
        var now = DateTimeOffset.UtcNow;
        server.FailNext(1, Fault(mode, now));

        var run = await OpenCodeCli.RunAsync(sandbox, "say hi", timeout: TimeSpan.FromSeconds(60));
        FixtureRecorder.Save("opencode", "outage-" + mode, run);

        var failure = RecordedFailure.Classify("opencode", run, now);
        Assert.True(failure?.Class == expected, $"{failure}\n{run.Describe()}");
    }

    [Fact]
    public async Task OpenCode_bridges_a_single_529_by_itself()
    {
        using var sandbox = await AgentSandbox.CreateAsync("opencode");
        OpenCodeCli.WriteConfig(sandbox, server.BaseUrl);
        server.FailNext(1, ServerFault.Overloaded);
        server.EnqueueTurn(ScriptStep.Text("Served after the overload."));

        var run = await OpenCodeCli.RunAsync(sandbox, "say hi", timeout: TimeSpan.FromSeconds(60));
        FixtureRecorder.Save("opencode", "outage-overloaded-retried", run);

        Assert.Equal(0, server.PendingFailures);
        Assert.Null(RecordedFailure.Classify("opencode", run, DateTimeOffset.UtcNow));
    }

    private static DateTimeOffset Reset(DateTimeOffset now) => DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 5);

    private static ServerFault Fault(string mode, DateTimeOffset now) => mode switch
    {
        "overloaded" => ServerFault.Overloaded,
        "rate-limited" => ServerFault.RateLimited(7),
        "quota" => ServerFault.QuotaExhausted(Reset(now)),
        "unauthorized" => ServerFault.Http(401),
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };
}
