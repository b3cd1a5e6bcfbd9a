namespace Maestro.TestSupport.ModelServer;

/// <summary>How the server answered a request.</summary>
public enum ServedAs
{
    /// <summary>The next reply of the script.</summary>
    Scripted,

    /// <summary>A side request without tools (title generation and the like), answered with a fixed text and not counted against the script.</summary>
    Auxiliary,

    /// <summary>A tool-carrying request with the script empty: answered with a fixed text.</summary>
    Unscripted,

    /// <summary>The server's fault mode answered (an HTTP error, or no answer at all).</summary>
    Fault,

    /// <summary>Anything that is not a model call (token counting, unknown paths).</summary>
    Other,
}
