using Maestro.Protocol;

namespace Maestro.Server.Agents.Running;

/// <summary>How a turn ended, as the adapter read it from the agent.</summary>
public sealed record TurnOutcome(StopReason StopReason, Usage Usage, string? Error = null, string? Detail = null);
