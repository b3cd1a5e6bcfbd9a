namespace Maestro.Protocol;

/// <summary>
/// An MCP server the session's agent connects to (an ACP editor's <c>mcpServers</c>): a program on stdio
/// (<see cref="Command"/>) or a server at <see cref="Url"/>. Held by the daemon in memory only, since its environment
/// and headers may carry credentials: a client passes them again after a daemon restart (ACP's session/load does).
/// </summary>
public sealed record McpServer
{
    public required string Name { get; init; }

    public McpTransport Transport { get; init; }

    /// <summary>The program to run (stdio): an absolute path.</summary>
    public string? Command { get; init; }

    public IReadOnlyList<string>? Args { get; init; }

    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>The server's address (http, sse).</summary>
    public string? Url { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
