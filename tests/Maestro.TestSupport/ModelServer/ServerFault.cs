namespace Maestro.TestSupport.ModelServer;

/// <summary>A failure the server shows for every model request while it is set.</summary>
public sealed record ServerFault
{
    private ServerFault(int? status, bool stallsStream)
    {
        Status = status;
        StallsStream = stallsStream;
    }

    /// <summary>The HTTP status to answer with; null means no proper answer (see <see cref="StallsStream"/>).</summary>
    public int? Status { get; }

    /// <summary>True: send 200 and SSE headers, then nothing. False with no status: not even headers.</summary>
    public bool StallsStream { get; }

    /// <summary>Accepts the request and never answers, not even headers: only a request timeout can end it.</summary>
    public static ServerFault Hang { get; } = new(null, false);

    /// <summary>Starts a 200 event stream and never sends an event: a stream idle timeout ends it.</summary>
    public static ServerFault StallStream { get; } = new(null, true);

    public static ServerFault Http(int status) => new(status, false);
}
