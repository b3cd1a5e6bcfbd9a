using Maestro.Protocol;
using Maestro.Server.Agents.Running;
using Maestro.Server.Sessions.Resilience;

namespace Maestro.Server.Tests.Sessions.Resilience;

/// <summary>Each agent's classifier on the real CLIs' recorded failures (tests/fixtures/agents/*/outage-*), and the text rules.</summary>
public sealed class FailureClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("claude-code", "claude-code", "outage-overloaded", FailureClass.Availability)]
    [InlineData("claude-code", "claude-code", "outage-rate-limited", FailureClass.Availability)]
    [InlineData("claude-code", "claude-code", "outage-refused", FailureClass.Availability)]
    [InlineData("claude-code", "claude-code", "http-500", FailureClass.Availability)]
    [InlineData("claude-code", "claude-code", "outage-quota", FailureClass.Quota)]
    [InlineData("claude-code", "claude-code", "outage-unauthorized", FailureClass.NeverRetry)]
    [InlineData("claude-code", "claude-code", "http-401", FailureClass.NeverRetry)]
    [InlineData("codex", "codex", "outage-overloaded", FailureClass.Availability)]
    [InlineData("codex", "codex", "outage-rate-limited", FailureClass.Availability)]
    [InlineData("codex", "codex", "http-500", FailureClass.Availability)]
    [InlineData("codex", "codex", "stream-idle-timeout", FailureClass.Availability)]
    [InlineData("codex", "codex", "outage-quota", FailureClass.Quota)]
    [InlineData("codex", "codex", "outage-unauthorized", FailureClass.NeverRetry)]
    [InlineData("codex", "codex", "http-401", FailureClass.NeverRetry)]
    [InlineData("opencode", "opencode", "outage-unauthorized", FailureClass.NeverRetry)]
    [InlineData("opencode", "opencode", "http-401", FailureClass.NeverRetry)]
    public void Recorded_failures_are_classified(string agentId, string folder, string scenario, FailureClass expected)
        => Assert.Equal(expected, RecordedFailure.ClassifyFixture(agentId, folder, scenario, Now)?.Class);

    [Theory]
    [InlineData("claude-code", "write-file")]
    [InlineData("claude-code", "resume-bash")]
    [InlineData("codex", "write-file")]
    [InlineData("opencode", "write-file")]
    [InlineData("opencode", "outage-overloaded-retried")]
    public void Successful_turns_are_no_failure(string agentId, string scenario)
        => Assert.Null(RecordedFailure.ClassifyFixture(agentId, agentId, scenario, Now, exitCode: 0));

    [Fact]
    public void Claude_code_quota_error_names_its_reset_moment()
    {
        var failure = RecordedFailure.ClassifyFixture("claude-code", "claude-code", "outage-quota", Now);
        Assert.NotNull(failure?.ResetAt);
        Assert.Equal(TimeSpan.Zero, failure!.ResetAt!.Value.Offset);
    }

    [Fact]
    public void Claude_code_banner_sent_as_a_whole_message_is_a_quota_at_its_epoch_marker()
    {
        var failure = RecordedFailure.ClassifyFixture("claude-code", "claude-code", "outage-banner-epoch", Now, exitCode: 0);
        Assert.Equal(FailureClass.Quota, failure?.Class);
        Assert.NotNull(failure!.ResetAt);
    }

    [Fact]
    public void Claude_code_banner_with_a_zone_resets_at_the_next_such_hour_there()
    {
        var failure = RecordedFailure.ClassifyFixture("claude-code", "claude-code", "outage-banner-zone", Now, exitCode: 0);
        Assert.Equal(FailureClass.Quota, failure?.Class);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero), failure!.ResetAt);
    }

    [Theory]
    [InlineData("Claude AI usage limit reached|1796086370", true)]
    [InlineData("You've hit your limit · resets 3pm (Europe/Paris)", true)]
    [InlineData("5-hour limit reached ∙ resets 11pm (America/New_York)", true)]
    [InlineData("Claude usage limit reached. Your limit will reset at 3pm (UTC).", true)]
    [InlineData("The API has a usage limit reached when you send too many requests; I added a retry.", false)]
    [InlineData("Here is the fix.\n\nClaude AI usage limit reached|1796086370", false)]
    [InlineData("I fixed the rate limit handling in client.ts.", false)]
    public void The_banner_is_recognised_only_as_the_whole_message(string message, bool banner)
    {
        Assert.Equal(banner, ClaudeLimitBanner.Is(message));
        var outcome = new TurnOutcome(StopReason.EndTurn, Usage.Zero);
        Assert.Equal(banner, ClaudeCodeFailureClassifier.Instance.Classify(new FailedTurn(outcome, message, Now))?.Class == FailureClass.Quota);
    }

    [Theory]
    [InlineData("API Error: 529 {\"type\":\"overloaded_error\"}", FailureClass.Availability)]
    [InlineData("HTTP 503 Service Unavailable", FailureClass.Availability)]
    [InlineData("Too many requests", FailureClass.Availability)]
    [InlineData("connect ECONNRESET 10.0.0.1:443", FailureClass.Availability)]
    [InlineData("getaddrinfo ENOTFOUND api.anthropic.com", FailureClass.Availability)]
    [InlineData("You've hit your usage limit. Try again in 2 hours.", FailureClass.Quota)]
    [InlineData("You are out of credits", FailureClass.Quota)]
    [InlineData("Your credit balance is too low to access the Anthropic API.", FailureClass.Quota)]
    [InlineData("Invalid API key · Please run /login", FailureClass.NeverRetry)]
    [InlineData("OAuth token has expired. Please obtain a new token.", FailureClass.NeverRetry)]
    [InlineData("API Error: 400 prompt is too long: 210000 tokens > 200000 maximum", FailureClass.NeverRetry)]
    [InlineData("No conversation found with session ID: 123", FailureClass.NeverRetry)]
    [InlineData("Permission denied (publickey)", FailureClass.NeverRetry)]
    [InlineData("Claude Code exited with code 134.", FailureClass.NeverRetry)]
    [InlineData("API Error: 429 rate limit; context window exceeded", FailureClass.NeverRetry)]
    public void Error_texts_are_classified(string error, FailureClass expected)
    {
        var outcome = new TurnOutcome(StopReason.Error, Usage.Zero, error);
        Assert.Equal(expected, TextFailureClassifier.Instance.Classify(new FailedTurn(outcome, null, Now))?.Class);
    }

    [Fact]
    public void A_cancelled_or_successful_turn_is_no_failure()
    {
        Assert.Null(TextFailureClassifier.Instance.Classify(new FailedTurn(new TurnOutcome(StopReason.Cancelled, Usage.Zero, "API Error: 529"), null, Now)));
        Assert.Null(TextFailureClassifier.Instance.Classify(new FailedTurn(new TurnOutcome(StopReason.EndTurn, Usage.Zero), "Overloaded? No.", Now)));
    }
}
