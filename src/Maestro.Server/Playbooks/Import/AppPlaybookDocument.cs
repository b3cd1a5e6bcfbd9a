namespace Maestro.Server.Playbooks.Import;

/// <summary>One entry of an app playbook's document list: a file of its Auto Run folder (often without <c>.md</c>).</summary>
internal sealed record AppPlaybookDocument
{
    public string? Filename { get; init; }

    /// <summary>The app unchecks the document's boxes again once it is done, so the next pass or run can repeat it.</summary>
    public bool ResetOnCompletion { get; init; }
}
