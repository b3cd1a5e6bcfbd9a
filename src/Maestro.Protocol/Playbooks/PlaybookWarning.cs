namespace Maestro.Protocol;

/// <summary>Something in a document that may keep a playbook from running unattended; the run starts anyway.</summary>
public sealed record PlaybookWarning
{
    public required string Document { get; init; }

    /// <summary>1-based line the warning is about.</summary>
    public required int Line { get; init; }

    public required string Message { get; init; }
}
