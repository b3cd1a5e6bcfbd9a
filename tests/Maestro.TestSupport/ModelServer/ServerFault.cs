namespace Maestro.TestSupport.ModelServer;

/// <summary>A failure the server shows for model requests: for every one while set as <see cref="ScriptedModelServer.Fault"/>, or for the next few (<see cref="ScriptedModelServer.FailNext"/>).</summary>
public sealed record ServerFault
{
    private ServerFault(int? status, bool stallsStream, bool drops = false, string? message = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        Status = status;
        StallsStream = stallsStream;
        Drops = drops;
        Message = message;
        Headers = headers ?? new Dictionary<string, string>();
    }

    /// <summary>The HTTP status to answer with; null means no proper answer (see <see cref="StallsStream"/> and <see cref="Drops"/>).</summary>
    public int? Status { get; }

    /// <summary>True: send 200 and SSE headers, then nothing. False with no status: not even headers.</summary>
    public bool StallsStream { get; }

    /// <summary>The connection is reset without an answer (a provider's load balancer dropping it).</summary>
    public bool Drops { get; }

    /// <summary>The error message of the body, in the API's error shape; "Mock model server: HTTP n" when null.</summary>
    public string? Message { get; }

    /// <summary>Response headers, e.g. <c>retry-after</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Accepts the request and never answers, not even headers: only a request timeout can end it.</summary>
    public static ServerFault Hang { get; } = new(null, false);

    /// <summary>Starts a 200 event stream and never sends an event: a stream idle timeout ends it.</summary>
    public static ServerFault StallStream { get; } = new(null, true);

    /// <summary>Resets the connection before any answer.</summary>
    public static ServerFault Drop { get; } = new(null, false, drops: true);

    public static ServerFault Http(int status) => new(status, false);

    /// <summary>An HTTP error with its own message and headers: a 429 with <c>retry-after</c>, a quota text naming its reset.</summary>
    public static ServerFault Http(int status, string? message, IReadOnlyDictionary<string, string>? headers = null) => new(status, false, message: message, headers: headers);

    /// <summary>529 Overloaded, as Anthropic answers when it sheds load.</summary>
    public static ServerFault Overloaded { get; } = new(529, false, message: "Overloaded");

    /// <summary>429 with <c>retry-after</c> in seconds.</summary>
    public static ServerFault RateLimited(int retryAfterSeconds) => new(429, false, message: "Rate limited: too many requests", headers: new Dictionary<string, string> { ["retry-after"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>A spent quota whose message names its reset moment (ISO time with offset) the way providers word it.</summary>
    public static ServerFault QuotaExhausted(DateTimeOffset resetAt) => new(429, false, message: $"You have exceeded your usage quota. Your usage limit resets at {resetAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}.");
}
