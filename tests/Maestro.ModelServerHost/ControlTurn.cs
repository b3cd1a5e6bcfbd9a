namespace Maestro.ModelServerHost;

internal sealed record ControlTurn(IReadOnlyList<ControlStep> Steps, int? InputTokens, int? OutputTokens);
