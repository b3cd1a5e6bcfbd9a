namespace Maestro.Server.Playbooks.Documents;

/// <summary>The file is not UTF-8 text, so its checkboxes cannot be located byte for byte.</summary>
public sealed class DocumentEncodingException : Exception
{
    public DocumentEncodingException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public DocumentEncodingException()
    {
    }

    public DocumentEncodingException(string message)
        : base(message)
    {
    }
}
