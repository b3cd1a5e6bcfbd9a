namespace Maestro.Protocol;

public sealed record InitializeParams
{
    /// <summary>"major.minor"; the major must equal <see cref="ProtocolVersion.Major"/>.</summary>
    public required string ProtocolVersion { get; init; }

    public required ClientInfo ClientInfo { get; init; }

    public IReadOnlyList<string> WorkspaceFolders { get; init; } = [];

    public ClientCapabilities Capabilities { get; init; } = new();
}
