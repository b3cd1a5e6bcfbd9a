namespace Maestro.Protocol;

public sealed record ServerCapabilities
{
    /// <summary>Features that have landed in this server, e.g. "lifecycle", "agents", "git"; methods of others answer -32601.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    /// <summary>The largest message the server reads, in bytes.</summary>
    public required int MaxMessageBytes { get; init; }
}
