namespace Maestro.TestSupport.ModelServer;

/// <summary>A failure the server shows for every model request while it is set.</summary>
public sealed record ServerFault
{
    private ServerFault(int? status) => Status = status;

    /// <summary>The HTTP status to answer with; null means never answer.</summary>
    public int? Status { get; }

    public bool Hangs => Status is null;

    /// <summary>Accepts the request and never answers, to exercise idle timeouts.</summary>
    public static ServerFault Hang { get; } = new((int?)null);

    public static ServerFault Http(int status) => new(status);
}
