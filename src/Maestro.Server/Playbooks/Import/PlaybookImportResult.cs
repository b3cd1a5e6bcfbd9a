namespace Maestro.Server.Playbooks.Import;

/// <summary>What <c>maestro playbooks import</c> made, and what of the app's playbook it could not carry over.</summary>
public sealed record PlaybookImportResult
{
    /// <summary>The new Playbook folder (with its <c>playbook.yaml</c>).</summary>
    public required string Folder { get; init; }

    /// <summary>The documents copied into it, in run order.</summary>
    public required IReadOnlyList<string> Documents { get; init; }

    /// <summary>Sentences for people: each setting that does not carry over, and what to do instead.</summary>
    public required IReadOnlyList<string> NotCarried { get; init; }
}
