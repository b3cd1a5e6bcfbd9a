using Maestro.Server.Agents.Running;

namespace Maestro.Server.Sessions.Resilience;

/// <summary>
/// What a classifier reads: how the adapter said the turn ended, and the turn's last assistant message (Claude Code
/// sends its usage-limit banner as an ordinary message on an otherwise successful turn).
/// </summary>
public sealed record FailedTurn(TurnOutcome Outcome, string? LastAssistantMessage, DateTimeOffset Now)
{
    /// <summary>Everything the agent said about the failure, for pattern matching.</summary>
    public string Text => string.Join('\n', new[] { Outcome.Error, Outcome.Detail }.Where(t => !string.IsNullOrEmpty(t)));
}
