namespace Maestro.Protocol;

/// <summary>The server is on the host, in <c>~/.maestro/bin/&lt;version&gt;/</c>.</summary>
public sealed record HostInstallResult
{
    public required string Name { get; init; }

    public required string Rid { get; init; }

    /// <summary>This server's version, the folder's name.</summary>
    public required string Version { get; init; }

    /// <summary>The remote executable's path.</summary>
    public required string Path { get; init; }

    /// <summary>False when that version was already there and nothing was copied.</summary>
    public required bool Copied { get; init; }

    /// <summary>Bytes sent (the tar stream); 0 when nothing was copied.</summary>
    public long Bytes { get; init; }

    /// <summary>What the installed <c>maestro --version</c> printed on the host.</summary>
    public required string RemoteVersion { get; init; }
}
