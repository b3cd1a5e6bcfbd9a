namespace Maestro.Protocol;

public sealed record RemoteAuthenticateResult
{
    /// <summary>True for the read-only token: prompts, cancels, permission answers, runs and changes are refused.</summary>
    public required bool ReadOnly { get; init; }
}
