namespace Maestro.TestSupport.ModelServer;

/// <summary>Token counts reported with a reply, so adapters' usage parsing can be checked.</summary>
public sealed record ModelUsage(int InputTokens, int OutputTokens);
