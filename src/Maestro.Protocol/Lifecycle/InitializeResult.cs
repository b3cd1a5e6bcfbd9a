namespace Maestro.Protocol;

public sealed record InitializeResult
{
    public required string ProtocolVersion { get; init; }

    public required ServerInfo ServerInfo { get; init; }

    public required ServerCapabilities Capabilities { get; init; }

    public required IReadOnlyList<AgentInfo> Agents { get; init; }
}
