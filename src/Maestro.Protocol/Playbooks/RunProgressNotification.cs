namespace Maestro.Protocol;

public sealed record RunProgressNotification
{
    public required Run Run { get; init; }

    public required RunProgressKind Event { get; init; }

    public RunTask? Task { get; init; }

    /// <summary>A sentence for people: why a task failed, a retry, a warning about the document.</summary>
    public string? Message { get; init; }
}
